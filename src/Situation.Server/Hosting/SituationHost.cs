using Orleans.Dashboard;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Situation.Grains.Directives;
using Situation.Grains.Entities;
using Situation.Grains.Flags;
using Situation.Grains.ReadSide;
using Situation.Server.Api;
using Situation.Server.Auth;
using Situation.Server.Directives;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Api.Exports;
using Situation.Server.Demo;
using Situation.Server.Geography;
using Situation.Server.History;
using Situation.Server.Live;
using Situation.Server.Sitreps;

namespace Situation.Server.Hosting;

/// <summary>Wires the platform into the host: options, the silo, the read side, the API and the web app.</summary>
public static class SituationHost
{
    public static WebApplicationBuilder AddSituation(this WebApplicationBuilder builder)
    {
        if (DescriptionRun.IsActive)
            builder.Configuration[$"{SituationOptions.Section}:DataDir"] = DescriptionRun.ScratchDataDir();
        var section = builder.Configuration.GetSection(SituationOptions.Section);
        var options = section.Get<SituationOptions>() ?? new SituationOptions();
        builder.Services.Configure<SituationOptions>(section);

        // A hard ceiling well above the API's own limits, which answer with problem+json first.
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes, 1) * 4);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<FlagSettings>(builder.Configuration.GetSection("Situation:Flags"));
        builder.Services.Configure<EntityOptions>(builder.Configuration.GetSection("Situation:Entities"));
        builder.Services.PostConfigure<EntityOptions>(entities => entities.LetGoAfterLoad ??= !options.IsCluster);
        builder.Services.Configure<IndexOptions>(builder.Configuration.GetSection("Situation:Indexes"));
        // A cluster splits the flag engine by district so its nodes share the geometry; on one
        // node the split costs more than it gains (README, Performance).
        builder.Services.PostConfigure<FlagSettings>(flags => flags.PartitionByDistrict ??= options.IsCluster);
        builder.Services.AddSingleton<ProvinceGeography>();
        builder.Services.AddSingleton<SituationReader>();
        builder.Services.AddSingleton<SiteReports>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<DirectivesSeeder>();
        builder.Services.Configure<ComplianceOptions>(builder.Configuration.GetSection("Situation:Directives"));
        // The demo runs "as of" a day of 2021, so that the letter's deadlines mean something.
        builder.Services.PostConfigure<ComplianceOptions>(directives =>
            directives.AsOf ??= options.Demo.Enabled && !options.IsCluster ? options.Demo.DirectivesAsOf : null);
        builder.Services.AddTransient<Check>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ExplainStatus);
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallback>();
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi(ContractDescription.Describe);
        builder.Services.AddSituationCompression();

        builder.Services.AddSingleton(services => new DependencyHealth(redisConfigured: services.GetRequiredService<BackplaneSettings>().Redis is not null));
        builder.Services.AddHostedService<DependencyProbe>();
        builder.Services.AddHostedService<MemoryAtRest>();
        builder.Services.AddExceptionHandler<OutageExceptionHandler>();
        builder.AddSituationTelemetry(options);
        builder.AddSituationAuth(options);
        builder.Services.AddSingleton<RateLimits>();
        builder.AddSituationAudit(options);
        builder.AddSituationHistory();
        builder.AddSituationSitreps();
        builder.Services.Configure<Situation.Server.Alerts.AlertOptions>(builder.Configuration.GetSection("Situation:Alerts"));
        builder.Services.AddSingleton<Situation.Server.Alerts.AlertSource>();
        builder.Services.Configure<Situation.Server.Webhooks.WebhookOptions>(builder.Configuration.GetSection("Situation:Webhooks"));
        builder.AddSituationLive(options.IsCluster);
        builder.AddSituationSilo(options);
        // After the silo: its first read of the webhooks is a grain call, which before the silo is up
        // fails placement and logs a retry at every start.
        builder.Services.AddHostedSingleton<Situation.Server.Webhooks.WebhookDispatcher>();
        // Registered after the silo, so it starts once the silo is up and before the web server listens.
        builder.Services.AddHostedSingleton<ProvinceStartup>();
        if (DescriptionRun.IsActive)
            DescriptionRun.KeepOnlyTheWebHost(builder.Services);
        return builder;
    }

    public static WebApplication MapSituation(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SituationOptions>>().Value;
        app.UseTrustedProxies(options.Limits.TrustedProxies);
        // Before anything that writes an answer, the dashboard's files included.
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders(options.Web.TileOrigin);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi/v1.json", "Situation API");
        });

        // Routing after the files: the not-found route matches any page path, and a request with an
        // endpoint chosen is one the static files leave alone.
        app.UseRouting();
        // Who is calling first, then how much they may call, then what they may call.
        app.UseAuthentication();
        app.UseMetricsAccess(options.Metrics.ScrapeToken);
        app.UseMiddleware<RateLimits>();
        app.UseAuthorization();
        app.UseWriteAvailability();

        // The API's description is public, as the web app is: it tells nothing about the province.
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthApi();
        app.MapSituationTelemetry();
        if (options.OrleansDashboard)
            // An operations page of its own, not part of the API: left out of the API's description.
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthSetup.AdminPolicy).ExcludeFromDescription();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapKeysApi();
        app.MapAuditApi();
        app.MapSituationApi();
        app.MapWebClientApi();
        app.MapDistrictsApi();
        app.MapZonesApi();
        app.MapCheckpointsApi();
        app.MapSitesApi();
        app.MapPostalApi();
        app.MapFlagsApi();
        app.MapOrganisationsApi();
        app.MapDirectivesApi();
        app.MapObligationsApi();
        app.MapShiftsApi();
        app.MapIncidentsApi();
        app.MapSitrepsApi();
        app.MapAlertsApi();
        app.MapWebhooksApi();
        app.MapCrewsApi();
        app.MapPassesApi();
        app.MapExportsApi();
        app.MapChangesApi();
        app.MapSituationLive();
        app.MapNotFound();
        return app;
    }

    /// <summary>Bodiless refusals (from authentication and authorization) say what to do about them.</summary>
    private static void ExplainStatus(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null) return;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "Sign in with POST /api/auth/login and send Authorization: Bearer <token>, or send an operator's X-Api-Key. A token expires, and ends when its account is disabled or its password changes.",
            StatusCodes.Status403Forbidden => "Your role may not use this.",
            _ => null,
        };
    }
}
