namespace Situation.Contracts.Views;

/// <summary>
/// A site's part of the power-priority queue as one flag partition sees it: the coverage its own
/// areas would lose. The province's queue adds up every partition's share of each site.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.power-share")]
public sealed record PowerShare
{
    [Id(0)] public required SiteView Site { get; init; }
    [Id(1)] public double ZoneLossM2 { get; init; }
    [Id(2)] public double DistrictLossM2 { get; init; }
    [Id(3)] public string[] Zones { get; init; } = [];
    /// <summary>Counted by the partition that owns the site, the one that holds all of them; null elsewhere.</summary>
    [Id(4)] public int? Dependents { get; init; }
}
