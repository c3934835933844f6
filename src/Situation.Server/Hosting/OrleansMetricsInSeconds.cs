using System.Diagnostics.Metrics;
using Situation.Grains.Telemetry;

namespace Situation.Server.Hosting;

/// <summary>
/// Orleans measures its latencies in milliseconds, which Prometheus' conventions (and promtool)
/// refuse: these histograms are recorded again here in seconds, under the same names and labels, on
/// a meter of the platform's own, and Orleans' millisecond originals are left out of /metrics
/// (<see cref="Telemetry"/>).
/// </summary>
public sealed class OrleansMetricsInSeconds : IDisposable
{
    public const string MeterName = "Situation.Orleans";

    private readonly Meter _meter = new(MeterName);
    private readonly MeterListener _listener = new();

    /// <summary>Whether an instrument is one of Orleans' that are told in milliseconds.</summary>
    public static bool InMilliseconds(Instrument instrument) => instrument.Meter.Name == "Microsoft.Orleans" && instrument.Unit == "ms";

    public OrleansMetricsInSeconds()
    {
        // Each Orleans histogram's copy travels with its measurements as the listener's state: the
        // copy is found without a lookup or a lock, on every grain call and message Orleans times.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!InMilliseconds(instrument) || !instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal))
                return;
            var inSeconds = _meter.CreateHistogram(instrument.Name, "s", instrument.Description ?? Telemetry.HelpFor(instrument), tags: null,
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SituationMetrics.SecondsBuckets });
            listener.EnableMeasurementEvents(instrument, inSeconds);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, copy) => Record(copy, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, copy) => Record(copy, value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, copy) => Record(copy, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, copy) => Record(copy, value, tags));
        _listener.Start();
    }

    private static void Record(object? copy, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        ((Histogram<double>)copy!).Record(milliseconds / 1000, tags);

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}
