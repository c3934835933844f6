using System.Text.Json;
using Situation.Contracts.Model;

namespace Situation.Server.Api;

// Request bodies as clients send them. Every field is optional here so that a missing one is
// reported by name by the validation, not as a generic binding failure; [Required] says which
// ones the validation asks for, and [Geometry] which GeoJSON a JsonElement must be, so that the
// API's description (RequestDescription) tells a client what the server takes.

public sealed record LevelRequest([property: Required, Words("DistrictLevel")] string? Level, string? Note);

/// <summary>A GeoJSON Feature: zones and routes are written this way.</summary>
public sealed record FeatureRequest<TProperties>(
    [property: Required] string? Type, JsonElement? Id, [property: Required] JsonElement? Geometry, [property: Required] TProperties? Properties)
    where TProperties : class;

[FeatureGeometry("Polygon", "MultiPolygon")]
public sealed record ZoneProperties(string? Id, string? DistrictId, [property: Required] string? Name, DateTimeOffset? Until);

public sealed record CheckpointRequest(
    [property: Required] string? Id, string? DistrictId, [property: Required] string? Name, string? Road, [property: Required, Geometry("Point")] JsonElement? Location,
    [property: Words("CheckpointStatus")] string? Status, [property: Words("Wifi")] string? Wifi, string? WifiOperator);

public sealed record CheckpointPatchRequest(string? Name, string? Road, [property: Words("CheckpointStatus")] string? Status, [property: Words("Wifi")] string? Wifi, string? WifiOperator, DateTimeOffset? At);

public sealed record SiteRequest(
    [property: Required] string? Id, [property: Required] string? Operator, [property: Required, Words("SiteKind")] string? Kind, string? Name,
    [property: Required, Geometry("Point")] JsonElement? Location, int? CoverageRadiusM, string? UpstreamSiteId);

/// <param name="SiteId">Required in a batch (<see cref="ReportBatchRequest"/>); a single report takes it from its path.</param>
public sealed record SiteReportRequest(string? SiteId, [property: Required, Words("Health")] string? Health, [property: Required, Words("Power")] string? Power, int? BatteryMinutes,
    [property: Words("Cause")] string[]? Causes, DateTimeOffset? At);

/// <param name="Reports">Site reports (<see cref="SiteReportRequest"/>, each with its siteId), read one by one so that each has its own result.</param>
public sealed record ReportBatchRequest([property: Required, ItemsOf(typeof(SiteReportRequest))] JsonElement? Reports);

public sealed record OfficeRequest(
    [property: Required] string? Id, [property: Required] string? Operator, string? DistrictId, [property: Required] string? Name,
    [property: Required, Geometry("Point")] JsonElement? Location);

public sealed record StatusReportRequest([property: Required] string? Status, DateTimeOffset? At);

[FeatureGeometry("LineString")]
public sealed record RouteProperties(string? Id, [property: Required] string? Operator, [property: Required] string? Name, string[]? StopOfficeIds);

public sealed record LoginRequest([property: Required] string? Username, [property: Required] string? Password);

public sealed record UserRequest([property: Required] string? Username, [property: Required] string? Password, [property: Required, Words("Role")] string? Role, string? Scope, string? DisplayName);

public sealed record UserPatchRequest(string? Password, [property: Words("Role")] string? Role, string? Scope, string? DisplayName, bool? Disabled);

/// <param name="Organisation">Required of an administrator; an operator's key is always for its own organisation.</param>
public sealed record ApiKeyRequest(string? Organisation, [property: Required] string? Name);

public sealed record OrganisationRequest([property: Required] string? Name, [property: Required, Words("OrganisationKind")] string? Kind, string? DistrictId);

public sealed record ContactPointRequest([property: Required] string? Name, [property: Required] string? Position, [property: Required] string? Phone, string? Email);

/// <param name="Note">What was done; a note, a document's reference or both.</param>
/// <param name="Document">Where the document that shows it is filed (its number, a link).</param>
public sealed record EvidenceRequest(string? Note, string? Document);

public sealed record WaiverRequest([property: Required] string? Reason);

/// <param name="Id">Required in a batch (<see cref="ShiftBatchRequest"/>); a single shift takes it from its path.</param>
public sealed record ShiftRequest(string? Id, [property: Required, Words("Duty")] string? Duty, [property: Required] string? Person, [property: Required] string? Phone,
    [property: Required] DateTimeOffset? Start, [property: Required] DateTimeOffset? End);

/// <param name="Shifts">Shifts (<see cref="ShiftRequest"/>, each with its id), read one by one so that each row has its own result.</param>
public sealed record ShiftBatchRequest([property: Required, ItemsOf(typeof(ShiftRequest))] JsonElement? Shifts);

public sealed record HealthDeclarationRequest([property: Required] int? Declared, [property: Required] int? Worked);

/// <summary>A directive as its file in the demo data holds it, and as an administrator sends it.</summary>
public sealed record DirectiveRequest(
    [property: Required] string? Id, [property: Required] string? Number, [property: Required] DateOnly? Date, [property: Required] string? Issuer,
    [property: Required] string? Subject, [property: Required] ClauseRequest[]? Clauses);

public sealed record ClauseRequest([property: Required] string? Id, [property: Required] string? Text, string? TextEn, [property: Required] ClauseObligationRequest[]? Obligations);

/// <param name="Addressees">Organisation codes, or the groups <c>districts</c>, <c>telecom</c>, <c>postal</c>.</param>
/// <param name="Deadline">Required for the cadence <c>once</c>, and only there.</param>
public sealed record ClauseObligationRequest(
    [property: Required, Words("ObligationKind")] string? Kind, [property: Required] string[]? Addressees, DateTimeOffset? Deadline,
    [property: Required, Words("Cadence")] string? Cadence);

/// <summary>A field a request must carry: its validation answers 400 without it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>A JsonElement field that must be a GeoJSON geometry of one of these types.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class GeometryAttribute(params string[] kinds) : Attribute
{
    public IReadOnlyList<string> Kinds => kinds;
}

/// <summary>The geometry types a Feature with these properties takes.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FeatureGeometryAttribute(params string[] kinds) : Attribute
{
    public IReadOnlyList<string> Kinds => kinds;
}

/// <summary>A JsonElement field that must be a list of these requests.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsOfAttribute(Type item) : Attribute
{
    public Type Item => item;
}

public sealed record EntityRefRequest([property: Required] string? Type, [property: Required] string? Id);

/// <param name="Id">The caller's own id for it, so that an opening sent twice opens one incident; one is made up when left out.</param>
/// <param name="FlagId">The open flag it comes from; its subject and the entities that explain it become the incident's.</param>
/// <param name="EnterpriseId">The enterprise that must act: required unless the subjects name it (a site's or a route's operator, a checkpoint's wifi provider).</param>
/// <param name="Subjects">The entities it concerns, when it is not opened from a flag.</param>
public sealed record IncidentRequest(string? Id, string? FlagId, string? EnterpriseId, EntityRefRequest[]? Subjects, string? Note);

/// <param name="State">The state to move to.</param>
/// <param name="Person">Who is sent, when dispatching someone other than the emergency-response duty.</param>
/// <param name="CrewId">The crew sent, when dispatching one.</param>
public sealed record IncidentStepRequest([property: Required, Words("IncidentState")] string? State, string? Note, string? Person, string? Phone, string? CrewId);

public sealed record CrewMemberRequest([property: Required] string? Id, [property: Required] string? Name, [property: Required] string? Phone);

public sealed record CrewRequest([property: Required] string? Name, string? VehiclePlate, [property: Required] CrewMemberRequest[]? Members);

/// <param name="Day">The day declared for, in Gia Lai; today when left out.</param>
public sealed record DeclarationRequest(DateOnly? Day);

/// <param name="Id">The enterprise's own id for it, so that a request sent twice is one pass; one is made up when left out.</param>
/// <param name="EnterpriseId">The enterprise asking; an enterprise's own account may leave it out.</param>
public sealed record PassRequest(string? Id, string? EnterpriseId, [property: Required] string? CrewId, [property: Required] string[]? MemberIds, string? IncidentId,
    [property: Required] string[]? ZoneIds, [property: Required] string[]? CheckpointIds, [property: Required] DateTimeOffset? ValidFrom, [property: Required] DateTimeOffset? ValidUntil);

public sealed record PassDecisionRequest([property: Required] bool? Grant, string? Reason);

public sealed record PassRevocationRequest([property: Required] string? Reason);

/// <param name="Id">The officer's device's id for the crossing (a UUID), so that a crossing sent again is kept once.</param>
public sealed record CrossingRequest([property: Required] string? Id, [property: Required] string? CheckpointId, [property: Required, Words("CrossingDirection")] string? Direction, DateTimeOffset? At);

public sealed record PassVerifyRequest([property: Required] string? Token, [property: Required] string? CheckpointId);

/// <summary>A situation report to make: the period (both or neither; yesterday on Gia Lai's clock when neither).</summary>
public sealed record SitrepRequest(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A webhook to register: its URL and the change kinds it is sent.</summary>
public sealed record WebhookRequest(string? Url, string[]? Events);
