using Microsoft.AspNetCore.Server.Kestrel.Core;
using Situation.Grains.Flags;
using Situation.Server.Api;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Demo;
using Situation.Server.Geography;
using Situation.Server.Live;

namespace Situation.Server.Hosting;

/// <summary>Wires the platform into the host: options, the silo, the read side, the API and the web app.</summary>
public static class SituationHost
{
    public static WebApplicationBuilder AddSituation(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SituationOptions.Section);
        var options = section.Get<SituationOptions>() ?? new SituationOptions();
        builder.Services.Configure<SituationOptions>(section);

        // A hard ceiling well above the API's own limits, which answer with problem+json first.
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes, 1) * 4);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<FlagSettings>(builder.Configuration.GetSection("Situation:Flags"));
        builder.Services.AddSingleton<ProvinceGeography>();
        builder.Services.AddSingleton<SituationReader>();
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddSingleton<SiteReports>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddTransient<Check>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi();

        builder.AddSituationLive(options.IsCluster);
        builder.AddSituationSilo(options);
        // Registered after the silo, so it starts once the silo is up and before the web server listens.
        builder.Services.AddSingleton<ProvinceStartup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProvinceStartup>());
        return builder;
    }

    public static WebApplication MapSituation(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi/v1.json", "Situation API");
        });

        app.MapHealthApi();
        app.MapSituationApi();
        app.MapDistrictsApi();
        app.MapZonesApi();
        app.MapCheckpointsApi();
        app.MapSitesApi();
        app.MapPostalApi();
        app.MapFlagsApi();
        app.MapSituationLive();
        return app;
    }
}
