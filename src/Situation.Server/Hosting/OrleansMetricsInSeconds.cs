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
    private readonly Dictionary<Instrument, Histogram<double>> _inSeconds = [];
    private readonly Lock _gate = new();

    /// <summary>Whether an instrument is one of Orleans' that are told in milliseconds.</summary>
    public static bool InMilliseconds(Instrument instrument) => instrument.Meter.Name == "Microsoft.Orleans" && instrument.Unit == "ms";

    public OrleansMetricsInSeconds()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!InMilliseconds(instrument) || !instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal))
                return;
            lock (_gate)
                _inSeconds[instrument] = _meter.CreateHistogram(instrument.Name, "s", instrument.Description ?? Telemetry.HelpFor(instrument), tags: null,
                    advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SituationMetrics.SecondsBuckets });
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Histogram<double>? histogram;
        lock (_gate)
            _inSeconds.TryGetValue(instrument, out histogram);
        histogram?.Record(milliseconds / 1000, tags);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}
