using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Situation.Contracts.Views;

namespace Situation.Grains.Telemetry;

/// <summary>
/// The platform's own meter (exported at /metrics beside Orleans' and ASP.NET Core's): how pushes
/// go out, how flags move, how often writes are refused because storage is away.
/// </summary>
public static class SituationMetrics
{
    public const string MeterName = "Situation";

    private static readonly Meter Meter = new(MeterName);
    /// <summary>Open flags per district partition living on this node: (all, critical).</summary>
    private static readonly ConcurrentDictionary<string, (int Open, int Critical)> OpenFlagsByPartition = new(StringComparer.Ordinal);

    public static readonly Histogram<int> PushItems = Meter.CreateHistogram<int>(
        "situation.push.items", "{item}", "Items in one changes message sent to a scope");

    public static readonly Histogram<double> PushDelay = Meter.CreateHistogram<double>(
        "situation.push.delay", "ms", "Time a change waited in the change feed before it was pushed");

    public static readonly Counter<long> PushFailures = Meter.CreateCounter<long>(
        "situation.push.failures", "{message}", "Pushes that failed (e.g. the backplane was away)");

    public static readonly Counter<long> StalledClientsClosed = Meter.CreateCounter<long>(
        "situation.push.stalled_clients_closed", "{connection}", "Hub connections closed because they stopped taking pushes");

    public static readonly Counter<long> RequestsLimited = Meter.CreateCounter<long>(
        "situation.requests.limited", "{request}", "Requests answered 429 because their caller or address sent too many");

    public static readonly Counter<long> Republished = Meter.CreateCounter<long>(
        "situation.push.republished", "{entity}", "Entities sent again after a node died, in case it had not pushed them");

    public static readonly Counter<long> FlagChanges = Meter.CreateCounter<long>(
        "situation.flags.changes", "{change}", "Flags raised, changed or cleared");

    public static readonly Counter<long> WritesRefused = Meter.CreateCounter<long>(
        "situation.writes.refused", "{request}", "Writes answered 503 because the database could not be reached");

    static SituationMetrics()
    {
        Meter.CreateObservableGauge("situation.flags.open", () =>
        {
            var (open, critical) = (0, 0);
            foreach (var counts in OpenFlagsByPartition.Values)
                (open, critical) = (open + counts.Open, critical + counts.Critical);
            return new[]
            {
                new Measurement<int>(open - critical, new KeyValuePair<string, object?>("severity", "warning")),
                new Measurement<int>(critical, new KeyValuePair<string, object?>("severity", "critical")),
            };
        }, "{flag}", "Open flags by severity, as the flag partitions living on this node last counted them");
    }

    /// <summary>A district partition's open flags changed.</summary>
    public static void FlagChangesIn(string partition, IEnumerable<FlagView> open)
    {
        var flags = open.ToList();
        OpenFlagsByPartition[partition] = (flags.Count, flags.Count(f => f.Severity == "critical"));
    }
}
