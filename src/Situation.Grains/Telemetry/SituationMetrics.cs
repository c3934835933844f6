using System.Diagnostics.Metrics;

namespace Situation.Grains.Telemetry;

/// <summary>
/// The platform's own meter (exported at /metrics beside Orleans' and ASP.NET Core's): how pushes
/// go out, how flags move, how often writes are refused because storage is away.
/// </summary>
public static class SituationMetrics
{
    public const string MeterName = "Situation";

    private static readonly Meter Meter = new(MeterName);
    private static int _openFlags;
    private static int _criticalFlags;

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
        Meter.CreateObservableGauge("situation.flags.open", () => new[]
        {
            new Measurement<int>(Volatile.Read(ref _openFlags) - Volatile.Read(ref _criticalFlags), new KeyValuePair<string, object?>("severity", "warning")),
            new Measurement<int>(Volatile.Read(ref _criticalFlags), new KeyValuePair<string, object?>("severity", "critical")),
        }, "{flag}", "Open flags by severity, as the flags grain of this node last counted them");
    }

    public static void SetOpenFlags(int open, int critical)
    {
        Volatile.Write(ref _openFlags, open);
        Volatile.Write(ref _criticalFlags, critical);
    }
}
