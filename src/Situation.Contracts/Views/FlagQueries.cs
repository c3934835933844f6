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

/// <summary>One site of the power-priority queue: what would be lost if it went down.</summary>
[GenerateSerializer, Immutable, Alias("situation.power-priority")]
public sealed record PowerPriorityItem
{
    [Id(0)] public int Rank { get; init; }
    [Id(1)] public required string SiteId { get; init; }
    [Id(2)] public required string Operator { get; init; }
    [Id(3)] public required string DistrictId { get; init; }
    [Id(4)] public required string Power { get; init; }
    [Id(5)] public int? BatteryMinutes { get; init; }
    /// <summary>Square kilometres of active quarantine zones that would lose coverage.</summary>
    [Id(6)] public double ZoneLossKm2 { get; init; }
    /// <summary>Square kilometres of districts that would lose coverage.</summary>
    [Id(7)] public double DistrictLossKm2 { get; init; }
    [Id(8)] public string[] Zones { get; init; } = [];
    /// <summary>Sites that depend on this one and would go down with it.</summary>
    [Id(9)] public int Dependents { get; init; }
}

/// <summary>An area whose connectivity gap would be raised or worsen if the given sites went down.</summary>
[GenerateSerializer, Immutable, Alias("situation.what-if")]
public sealed record WhatIfArea
{
    [Id(0)] public required FlagSubject Area { get; init; }
    [Id(1)] public string? DistrictId { get; init; }
    [Id(2)] public double Base { get; init; }
    [Id(3)] public double Now { get; init; }
    [Id(4)] public double NowIfDown { get; init; }
    [Id(5)] public string? SeverityNow { get; init; }
    [Id(6)] public required string SeverityIfDown { get; init; }
    /// <summary>"raised" when no gap is flagged now; "worsened" when one is and coverage would drop further.</summary>
    [Id(7)] public required string Effect { get; init; }
}

/// <summary>The province at one moment, for the leaders' summary: sampled once a minute by the flags grain.</summary>
[GenerateSerializer, Immutable, Alias("situation.summary-point")]
public sealed record SummaryPoint
{
    [Id(0)] public DateTimeOffset At { get; init; }
    [Id(1)] public int Sites { get; init; }
    [Id(2)] public int SitesDown { get; init; }
    [Id(3)] public int SitesDegraded { get; init; }
    [Id(4)] public int SitesUnknown { get; init; }
    [Id(5)] public int ActiveZones { get; init; }
    [Id(6)] public int OpenFlags { get; init; }
    [Id(7)] public int CriticalFlags { get; init; }
}

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
