using Orleans.Concurrency;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Contracts.Grains;

/// <summary>
/// The flags of the whole province, derived live from every entity view the indexes see.
/// One per province: it routes each view to the district partitions (<see cref="IFlagPartitionGrain"/>)
/// that need it — coverage discs and upstream chains cross district borders — and gathers their
/// answers into the province's.
/// </summary>
[Alias("situation.IFlagsGrain")]
public interface IFlagsGrain : IGrainWithStringKey
{
    public const string Key = "flags";

    /// <summary>
    /// Takes in entities' newest views, heartbeats included, as an index gathered them in one burst.
    /// One-way: indexes never wait on flags.
    /// </summary>
    [OneWay, Alias("Observe")] Task Observe(Immutable<EntityView[]> views);

    /// <summary>
    /// A whole province is about to be written in (the demo's first start): until
    /// <see cref="LoadDone"/>, views are not taken burst by burst — each burst would work its cells
    /// again as they fill, most of a first start's CPU at 150,000 sites.
    /// </summary>
    [Alias("HoldForLoad")] Task HoldForLoad();

    /// <summary>
    /// The province is written in: the routing and the partitions are built from the indexes once,
    /// as after a restart, in the background (the next activation's first build).
    /// </summary>
    [Alias("LoadDone")] Task LoadDone();

    /// <summary>
    /// Interleaves with every other call, so the snapshot of a map being opened never queues behind
    /// a call that waits for the engines' build after a restart (the partitions answer meanwhile
    /// from the flags as last stored).
    /// </summary>
    [AlwaysInterleave, Alias("List")] Task<FlagView[]> List(string? districtId, string? kind);

    /// <summary>Records who acknowledged an open flag; null when no such flag is open.</summary>
    [Alias("Acknowledge")] Task<FlagView?> Acknowledge(string flagId, Actor actor);

    [Alias("PowerPriority")] Task<PowerPriorityItem[]> PowerPriority();

    [Alias("WhatIf")] Task<WhatIfArea[]> WhatIf(string[] siteIds);

    [Alias("Counters")] Task<Dictionary<string, DistrictCounters>> Counters();

    /// <summary>
    /// Sends every open flag to the live feed again, as it is: after a node died, a flag change it
    /// had accepted but not pushed reaches the clients (they ignore versions they hold). Activates
    /// the grain if it lived on that node, which takes up its work from its last saved state.
    /// </summary>
    [Alias("RepublishOpen")] Task<int> RepublishOpen();

    /// <summary>
    /// What a partition is to be built from. Interleaves: a partition asks while a call of the
    /// router's waits for that partition.
    /// </summary>
    [AlwaysInterleave, Alias("Seed")] Task<FlagSeed> Seed(string partition);

    /// <summary>The province now and once a minute over the last day, oldest first.</summary>
    [Alias("Summary")] Task<SummaryPoint[]> Summary();
}
