using System.Text.Json;
using Situation.Contracts.Model;

namespace Situation.Server.Api;

// Request bodies as clients send them. Every field is optional here so that a missing one is
// reported by name by the validation, not as a generic binding failure.

public sealed record LevelRequest([property: Words("DistrictLevel")] string? Level, string? Note);

/// <summary>A GeoJSON Feature: zones and routes are written this way.</summary>
public sealed record FeatureRequest<TProperties>(string? Type, JsonElement? Id, JsonElement? Geometry, TProperties? Properties)
    where TProperties : class;

public sealed record ZoneProperties(string? Id, string? DistrictId, string? Name, DateTimeOffset? Until);

public sealed record CheckpointRequest(
    string? Id, string? DistrictId, string? Name, string? Road, JsonElement? Location,
    [property: Words("CheckpointStatus")] string? Status, [property: Words("Wifi")] string? Wifi, string? WifiOperator);

public sealed record CheckpointPatchRequest(string? Name, string? Road, [property: Words("CheckpointStatus")] string? Status, [property: Words("Wifi")] string? Wifi, string? WifiOperator, DateTimeOffset? At);

public sealed record SiteRequest(
    string? Id, string? Operator, [property: Words("SiteKind")] string? Kind, string? Name, JsonElement? Location,
    int? CoverageRadiusM, string? UpstreamSiteId);

public sealed record SiteReportRequest(string? SiteId, [property: Words("Health")] string? Health, [property: Words("Power")] string? Power, int? BatteryMinutes,
    [property: Words("Cause")] string[]? Causes, DateTimeOffset? At);

public sealed record ReportBatchRequest(JsonElement? Reports);

public sealed record OfficeRequest(string? Id, string? Operator, string? DistrictId, string? Name, JsonElement? Location);

public sealed record StatusReportRequest(string? Status, DateTimeOffset? At);

public sealed record RouteProperties(string? Id, string? Operator, string? Name, string[]? StopOfficeIds);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record UserRequest(string? Username, string? Password, [property: Words("Role")] string? Role, string? Scope, string? DisplayName);

public sealed record UserPatchRequest(string? Password, [property: Words("Role")] string? Role, string? Scope, string? DisplayName, bool? Disabled);

public sealed record ApiKeyRequest(string? Organisation, string? Name);
