using Situation.Contracts.Model;

namespace Situation.Contracts.Incidents;

/// <summary>
/// A fault that an enterprise must put right (sự cố, clauses 1.1 and 3.1c of letter 126): what it
/// concerns, who acts, and each step of its handling stamped with who and when. Its version grows
/// with every step, as an entity's does.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.incident-view")]
public sealed record IncidentView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2), Words("IncidentState")] public required string State { get; init; }
    /// <summary>The enterprise that must act (an organisation's code: <c>viettel</c>, <c>vnpost</c>).</summary>
    [Id(3)] public required string EnterpriseId { get; init; }
    /// <summary>The district it happens in, so that district subscribers see it; null for a province-wide one.</summary>
    [Id(4)] public string? DistrictId { get; init; }
    /// <summary>The entities it concerns: the flag's subject and the entities that explain it, or those named by hand.</summary>
    [Id(5)] public EntityRef[] Subjects { get; init; } = [];
    /// <summary>The flag it was opened from, if any: its clearing is what proposes resolution.</summary>
    [Id(6)] public string? FlagId { get; init; }
    [Id(7), Words("FlagKind")] public string? FlagKind { get; init; }
    /// <summary>Where it is shown on the map: its first subject's point, or the middle of its area.</summary>
    [Id(8)] public GeoPoint? Location { get; init; }
    [Id(9)] public string? Note { get; init; }
    /// <summary>Who must act now: the enterprise's emergency-response duty from its roster, or a named crew.</summary>
    [Id(10)] public IncidentAssignee? Assignee { get; init; }
    [Id(11)] public IncidentStep[] Steps { get; init; } = [];
    [Id(12)] public DateTimeOffset OpenedAt { get; init; }
    [Id(13)] public DateTimeOffset? AcknowledgedAt { get; init; }
    [Id(14)] public DateTimeOffset? DispatchedAt { get; init; }
    [Id(15)] public DateTimeOffset? OnSiteAt { get; init; }
    /// <summary>When service came back: the cause cleared (its flag, or every subject in service again), or, failing that, when it was resolved.</summary>
    [Id(16)] public DateTimeOffset? RestoredAt { get; init; }
    /// <summary>When it was resolved or cancelled.</summary>
    [Id(17)] public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Set when the platform sees the cause cleared while the incident is still open: resolving it is proposed.</summary>
    [Id(18)] public ResolutionProposal? Proposal { get; init; }
    [Id(19)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(20)] public string UpdatedBy { get; init; } = "";
    /// <summary>The crew sent, once one is (its members may be put on a pass).</summary>
    [Id(21)] public string? CrewId { get; init; }

    public double? TimeToAcknowledgeSeconds => AcknowledgedAt is { } at ? (at - OpenedAt).TotalSeconds : null;

    public double? TimeToRestoreSeconds => RestoredAt is { } at ? (at - OpenedAt).TotalSeconds : null;

    public bool IsOpen => IncidentRules.IsOpen(State);
}

/// <summary>One step of an incident's handling: the state it reached, who took it there and when.</summary>
[GenerateSerializer, Immutable, Alias("situation.incident-step")]
public sealed record IncidentStep(
    [property: Id(0)] string State,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string? Note);

/// <summary>Who is to act on an incident and how to reach them; the shift or crew it comes from.</summary>
[GenerateSerializer, Immutable, Alias("situation.incident-assignee")]
public sealed record IncidentAssignee(
    [property: Id(0)] string Person,
    [property: Id(1)] string Phone,
    [property: Id(2)] string? ShiftId,
    [property: Id(3)] string? CrewId);

/// <summary>The platform saw the cause of an incident clear: what it saw, and when.</summary>
[GenerateSerializer, Immutable, Alias("situation.resolution-proposal")]
public sealed record ResolutionProposal([property: Id(0)] DateTimeOffset At, [property: Id(1)] string Reason);

/// <summary>What opens an incident, checked: everything but its id, state and stamps.</summary>
[GenerateSerializer, Immutable, Alias("situation.incident-opening")]
public sealed record IncidentOpening(
    [property: Id(0)] string EnterpriseId,
    [property: Id(1)] string? DistrictId,
    [property: Id(2)] EntityRef[] Subjects,
    [property: Id(3)] string? FlagId,
    [property: Id(4)] string? FlagKind,
    [property: Id(5)] GeoPoint? Location,
    [property: Id(6)] string? Note);

/// <summary>A step asked of an incident: the state to move to, a note, and for a dispatch the crew or person sent.</summary>
[GenerateSerializer, Immutable, Alias("situation.incident-move")]
public sealed record IncidentMove(
    [property: Id(0)] string To,
    [property: Id(1)] string? Note,
    [property: Id(2)] IncidentAssignee? Assignee = null);
