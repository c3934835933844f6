using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Telemetry;

/// <summary>
/// The platform's own meter (exported at /metrics beside Orleans' and ASP.NET Core's), in base units
/// (seconds), with what an on-call person looks at first: how late pushes go out, writes accepted
/// and refused per entity type, open flags per kind and severity, connected clients, how far the
/// flag engine lags behind the writes.
/// </summary>
public static class SituationMetrics
{
    public const string MeterName = "Situation";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Open flags per district partition living on this node, by kind and severity.</summary>
    private static readonly ConcurrentDictionary<string, Dictionary<(string Kind, string Severity), int>> OpenFlagsByPartition = new(StringComparer.Ordinal);

    /// <summary>How many hub connections this node holds now; set by the node's connection register.</summary>
    private static Func<int> _connectedClients = () => 0;

    public static readonly Histogram<int> PushItems = Meter.CreateHistogram<int>(
        "situation.push.items", "{item}", "Items in one changes message sent to a scope");

    /// <summary>Buckets for durations in seconds, from a millisecond to a minute: the meter's defaults are made for milliseconds.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly InstrumentAdvice<double> InSeconds = new() { HistogramBucketBoundaries = SecondsBuckets };

    public static readonly Histogram<double> PushDelay = Meter.CreateHistogram(
        "situation.push.delay", "s", "Time a change waited in the change feed before it was pushed", tags: null, advice: InSeconds);

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

    /// <summary>Entity writes by type and outcome; see <see cref="Write"/>.</summary>
    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "situation.writes", "{write}", "Entity writes (a batch's reports one by one) by entity type and outcome: accepted, invalid, refused, not_found, conflict");

    public static readonly Histogram<double> FlagEngineLag = Meter.CreateHistogram(
        "situation.flags.lag", "s", "From an entity's change to the flag engine taking it in (the oldest change of each step)", tags: null, advice: InSeconds);

    /// <summary>The outcomes a write is counted under.</summary>
    public static readonly IReadOnlyList<string> WriteOutcomes = ["accepted", "invalid", "refused", "not_found", "conflict"];

    static SituationMetrics()
    {
        Meter.CreateObservableGauge("situation.flags.open", OpenFlags, "{flag}",
            "Open flags by kind and severity, as the flag partitions living on this node last counted them");
        Meter.CreateObservableGauge("situation.live.clients", () => _connectedClients(), "{connection}",
            "Live (hub) connections this node holds");
    }

    /// <summary>Counts an entity write by the status it was answered with.</summary>
    public static void Write(string entityType, int status) =>
        Writes.Add(1, new KeyValuePair<string, object?>("type", entityType), new KeyValuePair<string, object?>("outcome", OutcomeOf(status)));

    private static string OutcomeOf(int status) => status switch
    {
        < 300 => "accepted",
        403 => "refused",
        404 => "not_found",
        409 => "conflict",
        _ => "invalid",
    };

    /// <summary>
    /// Every counter once at zero, with the labels it is counted under, so that a scrape shows the
    /// series before their first event (a rate of a series that appears later starts wrong).
    /// </summary>
    public static void StartAtZero(IEnumerable<string> entityTypes)
    {
        foreach (var counter in new[] { PushFailures, StalledClientsClosed, RequestsLimited, Republished, FlagChanges, WritesRefused })
            counter.Add(0);
        foreach (var type in entityTypes)
            foreach (var outcome in WriteOutcomes)
                Writes.Add(0, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));
    }

    public static void ObserveClients(Func<int> count) => _connectedClients = count;

    /// <summary>A district partition's open flags changed.</summary>
    public static void FlagChangesIn(string partition, IEnumerable<FlagView> open) =>
        OpenFlagsByPartition[partition] = open.GroupBy(f => (f.Kind, f.Severity)).ToDictionary(g => g.Key, g => g.Count());

    private static IEnumerable<Measurement<int>> OpenFlags()
    {
        var partitions = OpenFlagsByPartition.Values.ToList();
        foreach (var kind in FlagKind.All)
            foreach (var severity in Words.Severity.All.Words)
                yield return new Measurement<int>(partitions.Sum(p => p.GetValueOrDefault((kind, severity))),
                    new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("severity", severity));
    }
}
