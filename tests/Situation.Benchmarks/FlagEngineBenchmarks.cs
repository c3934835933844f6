using BenchmarkDotNet.Attributes;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Server.Demo;

namespace Situation.Benchmarks;

/// <summary>
/// One site report through the flag engine (its disc's cells recomputed, its areas' flags
/// re-evaluated), against the baseline it replaces: recomputing the whole province from scratch.
/// Provinces: the demo (1,500 bts, 17 districts) and a synthetic large one (SITES bts and 2,000
/// active quarantine zones), both generated from the real Gia Lai districts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FlagEngineBenchmarks
{
    [Params(1_500, 150_000)]
    public int Sites { get; set; }

    private List<EntityView> _province = [];
    private FlagEngine _engine = null!;
    private SiteView[] _toggles = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _province = BenchmarkProvince.Build(Sites, zones: Sites > 10_000 ? 2000 : 20);
        _engine = BenchmarkProvince.NewEngine(_province);
        _engine.ApplyMany(_province);
        // Alternate every bts between down and up, so each report is a real change.
        var bts = _province.OfType<SiteView>().Where(s => s.Kind == "bts").Take(4096).ToArray();
        _toggles = bts.SelectMany(s => new[] { s with { Version = s.Version + 1, Health = "down" }, s with { Version = s.Version + 2, Health = "up" } }).ToArray();
    }

    [Benchmark(Description = "one site report, incremental")]
    public int IncrementalReport()
    {
        var view = _toggles[_next++ % _toggles.Length];
        _engine.Apply(view with { Version = view.Version + 2L * (_next / _toggles.Length) });
        return _engine.DrainFlagChanges().Count;
    }

    [Benchmark(Baseline = true, Description = "whole province from scratch")]
    public int FromScratch()
    {
        var engine = BenchmarkProvince.NewEngine(_province);
        engine.ApplyMany(_province);
        return engine.DrainFlagChanges().Count;
    }
}
