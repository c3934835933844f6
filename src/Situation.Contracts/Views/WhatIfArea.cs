namespace Situation.Contracts.Views;

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
