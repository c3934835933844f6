using Situation.Contracts.Model;

namespace Situation.Contracts.Grains;

// Commands carry input that the API has already validated (ids, words, geometry); grains own the
// rules about versions, heartbeats and ordering.

[GenerateSerializer, Immutable, Alias("situation.district-registration")]
public sealed record DistrictRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] string? FullName,
    [property: Id(2)] long Population,
    [property: Id(3)] GeoShape Boundary,
    [property: Id(4)] bool Schematic);

[GenerateSerializer, Immutable, Alias("situation.zone-definition")]
public sealed record ZoneDefinition(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] string Name,
    [property: Id(2)] GeoShape Boundary,
    [property: Id(3)] DateTimeOffset? Until);

[GenerateSerializer, Immutable, Alias("situation.checkpoint-definition")]
public sealed record CheckpointDefinition(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Road,
    [property: Id(3)] GeoPoint Location,
    [property: Id(4)] string? Status,
    [property: Id(5)] string? Wifi,
    [property: Id(6)] string? WifiOperator);

/// <summary>A partial update of a checkpoint; fields left null keep their value.</summary>
[GenerateSerializer, Immutable, Alias("situation.checkpoint-patch")]
public sealed record CheckpointPatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Road,
    [property: Id(2)] string? Status,
    [property: Id(3)] string? Wifi,
    [property: Id(4)] string? WifiOperator,
    [property: Id(5)] DateTimeOffset? At);

[GenerateSerializer, Immutable, Alias("situation.site-registration")]
public sealed record SiteRegistration(
    [property: Id(0)] string Operator,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] GeoPoint Location,
    [property: Id(4)] int? CoverageRadiusM,
    [property: Id(5)] string? UpstreamSiteId,
    [property: Id(6)] string DistrictId);

[GenerateSerializer, Immutable, Alias("situation.site-report")]
public sealed record SiteReport(
    [property: Id(0)] string Health,
    [property: Id(1)] string Power,
    [property: Id(2)] int? BatteryMinutes,
    [property: Id(3)] string[] Causes,
    [property: Id(4)] DateTimeOffset? At);

[GenerateSerializer, Immutable, Alias("situation.office-registration")]
public sealed record OfficeRegistration(
    [property: Id(0)] string Operator,
    [property: Id(1)] string DistrictId,
    [property: Id(2)] string Name,
    [property: Id(3)] GeoPoint Location);

[GenerateSerializer, Immutable, Alias("situation.route-registration")]
public sealed record RouteRegistration(
    [property: Id(0)] string Operator,
    [property: Id(1)] string Name,
    [property: Id(2)] GeoShape Path,
    [property: Id(3)] string[] StopOfficeIds,
    [property: Id(4)] string[] DistrictIds);

/// <summary>A status report for a post office or a postal route.</summary>
[GenerateSerializer, Immutable, Alias("situation.status-report")]
public sealed record StatusReport(
    [property: Id(0)] string Status,
    [property: Id(1)] DateTimeOffset? At);
