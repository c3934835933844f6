using Situation.Contracts.Grains;
using Situation.Contracts.Views;
using Situation.Grains.Flags;

namespace Situation.Tests.Flags;

/// <summary>
/// The flag engine split by district as the flags grains split it — the same routing, one engine per
/// partition, the same gathering of answers — without Orleans, so a test can compare it with one
/// engine over the whole province step by step.
/// </summary>
public sealed class PartitionedEngines(FlagSettings settings, TimeProvider clock)
{
    private static readonly FlagPartition ByDistrict = new(ByDistrict: true);
    private readonly FlagRouting _routing = new(ByDistrict, EngineWorld.CentreLon, EngineWorld.CentreLat);
    private readonly SortedDictionary<string, FlagEngine> _engines = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FlagEngine> Engines => _engines;

    public void Apply(EntityView view)
    {
        _routing.Route(view);
        foreach (var (partition, views) in _routing.Drain())
        {
            if (!_engines.TryGetValue(partition, out var engine))
                _engines[partition] = engine = new FlagEngine(settings, clock, EngineWorld.CentreLon, EngineWorld.CentreLat, ByDistrict.Owns(partition));
            engine.ApplyMany(views.OrderBy(v => v is DistrictView or ZoneView ? 0 : 1));
        }
    }

    public void Tick()
    {
        foreach (var engine in _engines.Values)
            engine.Tick();
    }

    public IEnumerable<FlagView> OpenFlags => _engines.Values.SelectMany(e => e.OpenFlags);

    public List<PowerPriorityItem> PowerPriority() => FlagGather.Rank(_engines.Values.SelectMany(e => e.PowerShares()));

    public List<WhatIfArea> WhatIf(string[] siteIds) => FlagGather.Order(_engines.Values.SelectMany(e => e.WhatIf(siteIds)));

    public Dictionary<string, DistrictCounters> Counters() =>
        _engines.Values.SelectMany(e => e.Counters()).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    public SummaryPoint Summarise(DateTimeOffset at) => FlagGather.Sum(at, _engines.Values.Select(e => e.Summarise(at)));

    public IEnumerable<(string Type, string Id, DerivedState State, long BasedOn)> DrainDerivedChanges() =>
        _engines.Values.SelectMany(e => e.DrainDerivedChanges()).ToList();
}
