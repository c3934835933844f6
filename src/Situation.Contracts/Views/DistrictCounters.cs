namespace Situation.Contracts.Views;

/// <summary>Counters of one district (issue: counters per district in GET /api/districts).</summary>
[GenerateSerializer, Immutable, Alias("situation.district-counters")]
public sealed record DistrictCounters
{
    [Id(0)] public IReadOnlyDictionary<string, int> Sites { get; init; } = new Dictionary<string, int>();
    [Id(1)] public int CheckpointsWithWifi { get; init; }
    [Id(2)] public int CheckpointsWithoutWifi { get; init; }
    [Id(3)] public int OfficesOpen { get; init; }
    [Id(4)] public int Offices { get; init; }
    [Id(5)] public int RoutesRunning { get; init; }
    [Id(6)] public int Routes { get; init; }
    [Id(7)] public IReadOnlyDictionary<string, int> OpenFlags { get; init; } = new Dictionary<string, int>();
}
