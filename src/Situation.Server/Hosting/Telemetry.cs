using Microsoft.Extensions.Logging.Console;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Situation.Contracts.Entities;
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
        var node = $"{options.AdvertisedAddress}:{options.SiloPort}";
        builder.Services.AddSingleton<OrleansMetricsInSeconds>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("situation", serviceInstanceId: node))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", SituationMetrics.MeterName, OrleansMetricsInSeconds.MeterName, "System.Runtime",
                    "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                    "Microsoft.AspNetCore.Diagnostics")
                .AddView(InBaseUnitsWithHelp)
                // Every scrape reads the meters now: the exporter's default keeps a page for 300 ms,
                // so a scrape right after another showed counts from before writes it had answered.
                // The page is behind a token, and Prometheus scrapes every few seconds at most.
                .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        // After the meter provider: the counters start at zero once something listens.
        builder.Services.AddHostedService<MetricsAtZero>();

        // Quiet unless told otherwise: no per-request or per-activation noise at Information.
        foreach (var category in new[] { "Microsoft", "Orleans", "System", "Polly" })
            builder.Logging.AddFilter(category, LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddConsole(console => console.FormatterName = NodeLogFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<NodeLogFormatter, NodeLogOptions>(format => format.Node = node);
    }

    /// <summary>
    /// What /metrics shows of each instrument: Orleans' millisecond histograms only in seconds (their
    /// copies, <see cref="OrleansMetricsInSeconds"/>), its megabyte gauges not at all (the runtime's
    /// own meter tells memory in bytes), the runtime's exceptions without their type names, and help
    /// text for every series, whose meter gave none.
    /// </summary>
    private static MetricStreamConfiguration? InBaseUnitsWithHelp(Instrument instrument)
    {
        if (OrleansMetricsInSeconds.InMilliseconds(instrument) || (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Unit == "MB"))
            return MetricStreamConfiguration.Drop;
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? HelpFor(instrument) : instrument.Description;
        // How many, not which: exception type names are the platform's internals, which no answer shows.
        // Orleans' message sizes between silos carry labels in PascalCase (such as "Phase"), which
        // Prometheus' checker refuses; their sizes are kept, without them.
        if ((instrument.Meter.Name == "System.Runtime" && instrument.Name == "dotnet.exceptions")
            || (instrument.Meter.Name == "Microsoft.Orleans" && OrleansMessageSizes.Contains(instrument.Name)))
            return new MetricStreamConfiguration { TagKeys = [], Description = help };
        // Prometheus keeps "_count" for histograms: the runtime's gauges of that name are renamed.
        if (RuntimeGaugesRenamed.TryGetValue(instrument.Name, out var name))
            return new MetricStreamConfiguration { Name = name, Description = help };
        return help == instrument.Description ? null : new MetricStreamConfiguration { Description = help };
    }

    private static readonly HashSet<string> OrleansMessageSizes = new(StringComparer.Ordinal)
    {
        "orleans-messaging-sent-messages-size", "orleans-messaging-received-messages-size",
    };

    private static readonly Dictionary<string, string> RuntimeGaugesRenamed = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    /// <summary>A help text from an instrument's name, for meters that give none (Orleans' mostly).</summary>
    public static string HelpFor(Instrument instrument) =>
        $"{instrument.Meter.Name}: {instrument.Name.Replace('-', ' ').Replace('.', ' ').Replace('_', ' ')}";

    public static void MapSituationTelemetry(this WebApplication app) =>
        // Who may read it is MetricsAccess's to decide: a scrape token is no signed-in caller.
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path).AllowAnonymous();
}

public sealed class NodeLogOptions : ConsoleFormatterOptions
{
    public string Node { get; set; } = "";
}

/// <summary>Starts the platform's counters at zero (<see cref="SituationMetrics.StartAtZero"/>) and the Orleans copies in seconds.</summary>
public sealed class MetricsAtZero(OrleansMetricsInSeconds orleansInSeconds) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here so that it listens from the start; the container disposes it.
        _ = orleansInSeconds;
        SituationMetrics.StartAtZero(EntityTable.All.Select(e => e.Type));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
