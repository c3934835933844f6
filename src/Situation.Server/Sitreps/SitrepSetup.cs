using Situation.Server.Hosting;

namespace Situation.Server.Sitreps;

public static class SitrepSetup
{
    /// <summary>Situation reports: made on demand and by the daily schedule, kept by the store of the mode.</summary>
    public static void AddSituationSitreps(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SitrepOptions>(builder.Configuration.GetSection("Situation:Sitreps"));
        builder.Services.AddSingleton<SitrepMaker>();
        builder.Services.AddHostedSingleton<SitrepSchedule>();
    }
}
