namespace Situation.Contracts.Views;

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
