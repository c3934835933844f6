using Situation.Server.Hosting;

namespace Situation.Server.History;

public static class HistorySetup
{
    /// <summary>Replay (README "History"): the flag log the feed writes, the snapshots, and the reader.</summary>
    public static void AddSituationHistory(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HistoryOptions>(builder.Configuration.GetSection("Situation:History"));
        builder.Services.AddHostedSingleton<FlagLog>();
        builder.Services.AddHostedSingleton<HistorySnapshots>();
        builder.Services.AddSingleton<Replay>();
    }
}
