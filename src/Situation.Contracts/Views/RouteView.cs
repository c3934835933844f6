using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

[GenerateSerializer, Immutable, Alias("situation.route-view")]
public sealed record RouteView : EntityView, IStatusView
{
    [Id(0)] public required string Operator { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required GeoShape Path { get; init; }
    [Id(3)] public string[] StopOfficeIds { get; init; } = [];
    [Id(4), Words("RouteStatus")] public string Status { get; init; } = "running";
    [Id(5)] public DateTimeOffset? LastReportAt { get; init; }
    /// <summary>The districts the path passes through, computed by the platform.</summary>
    [Id(6)] public string[] DistrictIds { get; init; } = [];

    /// <summary>Set by the flag engine: no report within the reporting window.</summary>
    [Id(7)] public bool Stale { get; init; }

    /// <summary>Routes cross districts, so the province-wide index lists them.</summary>
    [JsonIgnore] public override string? IndexDistrictId => null;
    [JsonIgnore] public override IReadOnlyList<string> ScopeDistrictIds => DistrictIds;
    [JsonIgnore] public override string EntityType => Model.EntityType.Route;
    [JsonIgnore] public override object Geometry => Path;
}
