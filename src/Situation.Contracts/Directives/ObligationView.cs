using Situation.Contracts.Model;

namespace Situation.Contracts.Directives;

/// <summary>
/// What one organisation owes under one clause of one directive, and where it stands. Its id is
/// <c>&lt;directive&gt;.&lt;clause&gt;.&lt;organisation&gt;</c>; its version grows whenever its status or
/// evidence changes, as an entity's does.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.obligation-view")]
public sealed record ObligationView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public required string DirectiveId { get; init; }
    [Id(3)] public required string Clause { get; init; }
    [Id(4), Words("ObligationKind")] public required string Kind { get; init; }
    [Id(5)] public required string OrganisationId { get; init; }
    /// <summary>The district of a district committee's obligation, so that district subscribers see it.</summary>
    [Id(6)] public string? DistrictId { get; init; }
    [Id(7)] public DateTimeOffset? Deadline { get; init; }
    [Id(8), Words("Cadence")] public required string Cadence { get; init; }
    [Id(9), Words("ObligationStatus")] public required string Status { get; init; }
    /// <summary>Since when the status has been what it is (on the directives' clock).</summary>
    [Id(10)] public DateTimeOffset StatusSince { get; init; }
    /// <summary>Whether the platform decides the status from what it knows (a contact point, the checkpoints' wifi, the power queue) rather than from evidence sent.</summary>
    [Id(11)] public bool Computed { get; init; }
    /// <summary>Why the status is what it is: the evidence sent, or what the platform found.</summary>
    [Id(12)] public string? Evidence { get; init; }
    /// <summary>A reference to an attached document (its number or where it is filed), when one was sent.</summary>
    [Id(13)] public string? Document { get; init; }
    [Id(14)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(15)] public string UpdatedBy { get; init; } = "";
    /// <summary>How much of what is owed is done, from 0 to 1, where the platform can count it (health declarations: declared of worked today).</summary>
    [Id(16)] public double? Share { get; init; }
    /// <summary>What the platform found, as a code and its values, for a dashboard to say in the person's language (<see cref="Evidence"/> says it in English).</summary>
    [Id(17)] public ObligationFinding? Finding { get; init; }
}

/// <summary>
/// What the platform found about a computed obligation: a code (<c>wifi_partial</c>, <c>roster_gaps</c>, …)
/// and the values its sentence needs (counts, ids, times as ISO 8601), all as text.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.obligation-finding")]
public sealed record ObligationFinding([property: Id(0)] string Code, [property: Id(1)] Dictionary<string, string> Args)
{
    public bool Equals(ObligationFinding? other) =>
        other is not null && Code == other.Code && Args.Count == other.Args.Count && Args.All(a => other.Args.TryGetValue(a.Key, out var v) && v == a.Value);

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);
}

/// <summary>An obligation's status changing: from what to what, when (on the directives' clock), by whom ("system" when the platform decided it), and what was found then.</summary>
[GenerateSerializer, Immutable, Alias("situation.obligation-status-change")]
public sealed record ObligationStatusChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1), Words("ObligationStatus")] string? From,
    [property: Id(2), Words("ObligationStatus")] string To,
    [property: Id(3)] string By,
    [property: Id(4)] string? Evidence,
    [property: Id(5)] ObligationFinding? Finding);

/// <summary>What an organisation sends to show it has done what it owes.</summary>
[GenerateSerializer, Immutable, Alias("situation.obligation-evidence")]
public sealed record ObligationEvidence(
    [property: Id(0)] string? Note,
    [property: Id(1)] string? Document);
