using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

[GenerateSerializer, Immutable, Alias("situation.checkpoint-view")]
public sealed record CheckpointView : EntityView, IReportingView
{
    [Id(0)] public required string DistrictId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Road { get; init; }
    [Id(3)] public required GeoPoint Location { get; init; }
    [Id(4), Words("CheckpointStatus")] public string Status { get; init; } = "active";
    [Id(5), Words("Wifi")] public string Wifi { get; init; } = "none";
    /// <summary>The operator that provides the free wifi point, if any.</summary>
    [Id(6)] public string? WifiOperator { get; init; }
    [Id(7)] public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>Set by the flag engine: no report within the reporting window.</summary>
    [Id(8)] public bool Stale { get; init; }

    [JsonIgnore] public override string? IndexDistrictId => DistrictId;
    [JsonIgnore] public override string EntityType => Model.EntityType.Checkpoint;
    [JsonIgnore] public override object Geometry => Location;
}
