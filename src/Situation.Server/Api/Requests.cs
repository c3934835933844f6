using System.Text.Json;

namespace Situation.Server.Api;

// Request bodies as clients send them. Every field is optional here so that a missing one is
// reported by name by the validation, not as a generic binding failure.

public sealed record LevelRequest(string? Level, string? Note);

/// <summary>A GeoJSON Feature: zones and routes are written this way.</summary>
public sealed record FeatureRequest<TProperties>(string? Type, JsonElement? Id, JsonElement? Geometry, TProperties? Properties)
    where TProperties : class;

public sealed record ZoneProperties(string? Id, string? DistrictId, string? Name, DateTimeOffset? Until);

public sealed record CheckpointRequest(
    string? Id, string? DistrictId, string? Name, string? Road, JsonElement? Location,
    string? Status, string? Wifi, string? WifiOperator);

public sealed record CheckpointPatchRequest(string? Name, string? Road, string? Status, string? Wifi, string? WifiOperator, DateTimeOffset? At);

public sealed record SiteRequest(
    string? Id, string? Operator, string? Kind, string? Name, JsonElement? Location,
    int? CoverageRadiusM, string? UpstreamSiteId);

public sealed record SiteReportRequest(string? SiteId, string? Health, string? Power, int? BatteryMinutes, string[]? Causes, DateTimeOffset? At);

public sealed record ReportBatchRequest(JsonElement? Reports);

public sealed record OfficeRequest(string? Id, string? Operator, string? DistrictId, string? Name, JsonElement? Location);

public sealed record StatusReportRequest(string? Status, DateTimeOffset? At);

public sealed record RouteProperties(string? Id, string? Operator, string? Name, string[]? StopOfficeIds);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record UserRequest(string? Username, string? Password, string? Role, string? Scope, string? DisplayName);

public sealed record UserPatchRequest(string? Password, string? Role, string? Scope, string? DisplayName, bool? Disabled);

public sealed record ApiKeyRequest(string? Organisation, string? Name);
