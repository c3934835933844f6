using Orleans.Concurrency;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Contracts.Grains;

/// <summary>
/// The flag engine of one district (keyed by its id): the district's areas, its own entities and
/// the sites around it whose discs reach in, with their upstream chains. It raises the flags of
/// its district only; the flags grain routes views to it and gathers the province's answers.
/// </summary>
[Alias("situation.IFlagPartitionGrain")]
public interface IFlagPartitionGrain : IGrainWithStringKey
{
    /// <summary>Views the flags grain routed here. One-way: the router never waits on a partition.</summary>
    [OneWay, Alias("Observe")] Task Observe(Immutable<EntityView[]> views);

    /// <summary>
    /// The router's routing was built again (a restart of its own, or a new district moved the
    /// province's centre): the engine is built again from what the router now sends here, unless
    /// it was already built from that generation.
    /// </summary>
    [OneWay, Alias("Reload")] Task Reload(long generation);

    /// <summary>Answers from the flags as last stored while the engine is built after a restart.</summary>
    [AlwaysInterleave, Alias("List")] Task<FlagView[]> List();

    [Alias("Acknowledge")] Task<FlagView?> Acknowledge(string flagId, Actor actor);

    [Alias("PowerShares")] Task<PowerShare[]> PowerShares();

    [Alias("WhatIf")] Task<WhatIfArea[]> WhatIf(string[] siteIds);

    [Alias("Counters")] Task<Dictionary<string, DistrictCounters>> Counters();

    [Alias("Summarise")] Task<SummaryPoint> Summarise();

    [Alias("RepublishOpen")] Task<int> RepublishOpen();
}

/// <summary>What a partition is built from: the router's generation, the province's centre, and its views.</summary>
[GenerateSerializer, Immutable, Alias("situation.flag-seed")]
public sealed record FlagSeed
{
    [Id(0)] public long Generation { get; init; }
    [Id(1)] public double CentreLon { get; init; }
    [Id(2)] public double CentreLat { get; init; }
    [Id(3)] public EntityView[] Views { get; init; } = [];
}
