using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using Situation.Grains.Telemetry;

namespace Situation.Server.Hosting;

/// <summary>
/// The operations view: metrics for Prometheus at /metrics (Orleans' own meters, request rates and
/// latencies, hub connections, pushes, flags, refused writes) and one JSON log line per event, each
/// naming the node, quiet by default (warnings, and the platform's own information).
/// </summary>
public static class Telemetry
{
    public static void AddSituationTelemetry(this WebApplicationBuilder builder, SituationOptions options)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans", SituationMetrics.MeterName,
                "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                "Microsoft.AspNetCore.Diagnostics")
            .AddPrometheusExporter());

        // Quiet unless told otherwise: no per-request or per-activation noise at Information.
        foreach (var category in new[] { "Microsoft", "Orleans", "System", "Polly" })
            builder.Logging.AddFilter(category, LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        var node = $"{options.AdvertisedAddress}:{options.SiloPort}";
        builder.Logging.AddConsole(console => console.FormatterName = NodeLogFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<NodeLogFormatter, NodeLogOptions>(format => format.Node = node);
    }

    public static void MapSituationTelemetry(this WebApplication app) =>
        // Who may read it is MetricsAccess's to decide: a scrape token is no signed-in caller.
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path).AllowAnonymous();
}

public sealed class NodeLogOptions : ConsoleFormatterOptions
{
    public string Node { get; set; } = "";
}
