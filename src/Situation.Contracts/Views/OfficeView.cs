using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

[GenerateSerializer, Immutable, Alias("situation.office-view")]
public sealed record OfficeView : EntityView, IStatusView
{
    [Id(0)] public required string Operator { get; init; }
    [Id(1)] public required string DistrictId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required GeoPoint Location { get; init; }
    [Id(4), Words("OfficeStatus")] public string Status { get; init; } = "open";
    [Id(5)] public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>Set by the flag engine: no report within the reporting window.</summary>
    [Id(6)] public bool Stale { get; init; }

    [JsonIgnore] public override string? IndexDistrictId => DistrictId;
    [JsonIgnore] public override string EntityType => Model.EntityType.Office;
    [JsonIgnore] public override object Geometry => Location;
}
