using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

[GenerateSerializer, Immutable, Alias("situation.district-view")]
public sealed record DistrictView : EntityView
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? FullName { get; init; }
    [Id(2)] public long Population { get; init; }
    [Id(3)] public required GeoShape Boundary { get; init; }
    [Id(4), Words("DistrictLevel")] public string Level { get; init; } = "normal";
    [Id(5)] public string? Note { get; init; }
    /// <summary>True when the boundary is the computed schematic fallback, not surveyed geography.</summary>
    [Id(6)] public bool Schematic { get; init; }

    [JsonIgnore] public override string? IndexDistrictId => Id;
    [JsonIgnore] public override string EntityType => Model.EntityType.District;
    [JsonIgnore] public override object Geometry => Boundary;
}
