namespace Situation.Contracts.Views;

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
