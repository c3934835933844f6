using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

[GenerateSerializer, Immutable, Alias("situation.zone-view")]
public sealed record ZoneView : EntityView
{
    [Id(0)] public required string DistrictId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required GeoShape Boundary { get; init; }
    [Id(3), Words("ZoneStatus")] public string Status { get; init; } = "active";
    [Id(4)] public DateTimeOffset Since { get; init; }
    [Id(5)] public DateTimeOffset? Until { get; init; }

    [JsonIgnore] public override string? IndexDistrictId => DistrictId;
    [JsonIgnore] public override string EntityType => Model.EntityType.Zone;
    [JsonIgnore] public override object Geometry => Boundary;
}
