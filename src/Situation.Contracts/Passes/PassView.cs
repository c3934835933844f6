using Situation.Contracts.Accounts;
using Situation.Contracts.Model;

namespace Situation.Contracts.Passes;

/// <summary>
/// A pass (giấy đi đường, clause 1.1): passage for a crew and its vehicle into one district's
/// quarantine zones through named checkpoints for a time window. The enterprise requests it, the
/// district committee that owns the zones grants or refuses it; a granted pass carries its signed
/// token, which a checkpoint verifies without the network.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.pass-view")]
public sealed record PassView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2), Words("PassState")] public required string State { get; init; }
    [Id(3)] public required string EnterpriseId { get; init; }
    [Id(4)] public required string CrewId { get; init; }
    [Id(5)] public PassMember[] Members { get; init; } = [];
    [Id(6)] public string? VehiclePlate { get; init; }
    [Id(7)] public string? IncidentId { get; init; }
    /// <summary>The district whose committee decides: every zone of the pass is its.</summary>
    [Id(8)] public required string DistrictId { get; init; }
    [Id(9)] public string[] ZoneIds { get; init; } = [];
    [Id(10)] public string[] CheckpointIds { get; init; } = [];
    [Id(11)] public DateTimeOffset ValidFrom { get; init; }
    [Id(12)] public DateTimeOffset ValidUntil { get; init; }
    [Id(13)] public DateTimeOffset RequestedAt { get; init; }
    [Id(14)] public string RequestedBy { get; init; } = "";
    [Id(15)] public DateTimeOffset? DecidedAt { get; init; }
    [Id(16)] public string? DecidedBy { get; init; }
    /// <summary>Why it was refused or revoked.</summary>
    [Id(17)] public string? Reason { get; init; }
    /// <summary>The signed token a granted pass carries (what its QR code holds).</summary>
    [Id(18)] public string? Token { get; init; }
    [Id(19)] public PassCrossing[] Crossings { get; init; } = [];
    [Id(20)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(21)] public string UpdatedBy { get; init; } = "";

    /// <summary>Who sees a pass: its enterprise, the committee that decides it, the officers of its checkpoints; leaders and administrators.</summary>
    public static Audience AudienceOf(PassView pass) => new(pass.EnterpriseId, pass.DistrictId, pass.CheckpointIds);

    /// <summary>Whether the crew is inside the zones: its last crossing was in.</summary>
    public bool Inside => Crossings.Length > 0 && Crossings[^1].Direction == Words.CrossingDirection.In;
}

[GenerateSerializer, Immutable, Alias("situation.pass-member")]
public sealed record PassMember([property: Id(0)] string Id, [property: Id(1)] string Name);

/// <summary>A crossing of a checkpoint on a pass, recorded by its officer; its id is the officer's device's, so a crossing sent twice is kept once.</summary>
[GenerateSerializer, Immutable, Alias("situation.pass-crossing")]
public sealed record PassCrossing(
    [property: Id(0)] string Id,
    [property: Id(1)] string CheckpointId,
    [property: Id(2), Words("CrossingDirection")] string Direction,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string RecordedBy);

/// <summary>A crossing as the live feed carries it: with its pass and the zones the crew goes into or leaves.</summary>
public sealed record CrossingItem(string PassId, string CheckpointId, [property: Words("CrossingDirection")] string Direction, DateTimeOffset At, string RecordedBy, string[] ZoneIds);

/// <summary>A pass as its enterprise asks for it, checked against its crew and the zones.</summary>
[GenerateSerializer, Immutable, Alias("situation.pass-application")]
public sealed record PassApplication(
    [property: Id(0)] string EnterpriseId,
    [property: Id(1)] string CrewId,
    [property: Id(2)] PassMember[] Members,
    [property: Id(3)] string? VehiclePlate,
    [property: Id(4)] string? IncidentId,
    [property: Id(5)] string DistrictId,
    [property: Id(6)] string[] ZoneIds,
    [property: Id(7)] string[] CheckpointIds,
    [property: Id(8)] DateTimeOffset ValidFrom,
    [property: Id(9)] DateTimeOffset ValidUntil);

/// <summary>A public key that verifies passes: its id, its P-256 point as a JWK's x and y, and until when passes it signed may be shown.</summary>
[GenerateSerializer, Immutable, Alias("situation.pass-key")]
public sealed record PassKey(
    [property: Id(0)] string Kid,
    [property: Id(1)] string X,
    [property: Id(2)] string Y,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RetiredAt,
    [property: Id(5)] DateTimeOffset? PublishedUntil);

/// <summary>A pass taken back before its window ended.</summary>
[GenerateSerializer, Immutable, Alias("situation.revoked-pass")]
public sealed record RevokedPass([property: Id(0)] string PassId, [property: Id(1)] DateTimeOffset At, [property: Id(2)] DateTimeOffset ValidUntil);
