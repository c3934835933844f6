using BenchmarkDotNet.Attributes;
using Situation.Contracts.Views;
using Situation.Grains.Flags;

namespace Situation.Benchmarks;

/// <summary>
/// The flag engine's step in a storm on the demo province: half of its bts go down in one batch
/// (what a partition takes in at once when reports arrive by the thousand), then come back up. Going
/// down is the costly half: a cell no single disc covers any longer is unioned from the pieces of
/// the discs still up. Baseline in the same run: the whole province from scratch.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class FlagStormBenchmarks
{
    private List<EntityView> _province = [];
    private FlagEngine _engine = null!;
    private SiteView[] _half = [];
    private long _round;

    [GlobalSetup]
    public void Setup()
    {
        _province = BenchmarkProvince.Build(1_500, zones: 20);
        _engine = BenchmarkProvince.NewEngine(_province);
        _engine.ApplyMany(_province);
        var random = new Random(7);
        _half = _province.OfType<SiteView>().Where(s => s.Kind == "bts" && random.Next(2) == 0).ToArray();
    }

    [Benchmark(Description = "storm step: half the bts down in one batch, then up")]
    public int StormStep()
    {
        // Versions rise every round, so each batch is news to the engine.
        _round += 2;
        _engine.ApplyMany(_half.Select(s => (EntityView)(s with { Version = s.Version + _round - 1, Health = "down" })).ToList());
        var flags = _engine.DrainFlagChanges().Count;
        _engine.ApplyMany(_half.Select(s => (EntityView)(s with { Version = s.Version + _round, Health = "up" })).ToList());
        return flags + _engine.DrainFlagChanges().Count;
    }

    [Benchmark(Baseline = true, Description = "whole province from scratch")]
    public int FromScratch()
    {
        var engine = BenchmarkProvince.NewEngine(_province);
        engine.ApplyMany(_province);
        return engine.DrainFlagChanges().Count;
    }
}
