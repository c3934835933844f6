using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Views;

namespace Situation.Grains.Directives;

/// <summary>
/// Where the demo's "as of" clock was set: the directives' time is <see cref="AsOf"/> plus what the
/// platform's clock has moved since <see cref="SetAt"/>, across restarts.
/// </summary>
[GenerateSerializer, Alias("situation.clock-anchor")]
public sealed record ClockAnchor([property: Id(0)] DateTimeOffset AsOf, [property: Id(1)] DateTimeOffset SetAt);

/// <summary>
/// The compliance grain's stored state: the directives, its copy of the organisations, what
/// was sent by hand, the last published obligations and open flags; and the audit record of a write by
/// hand (a directive, evidence, a waiver).
/// </summary>
[GenerateSerializer, Alias("situation.compliance-state")]
public sealed class ComplianceState : AuditedState
{
    [Id(0)] public Dictionary<string, Directive> Directives { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, OrganisationView> Organisations { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, ObligationRecord> Records { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Every obligation as last published: versions keep growing across restarts.</summary>
    [Id(3)] public Dictionary<string, ObligationView> Obligations { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public List<FlagView> Flags { get; set; } = [];
    [Id(5)] public ClockAnchor? Anchor { get; set; }
    /// <summary>Each obligation's status changes, oldest first (the newest few hundred).</summary>
    [Id(6)] public Dictionary<string, List<ObligationStatusChange>> StatusChanges { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Settings of the directives (<c>Situation:Directives</c>).</summary>
public sealed class ComplianceOptions
{
    /// <summary>A moment the directives' clock starts from (the demo runs "as of" 02/02/2021), moving on in real time; null for the platform's own clock.</summary>
    public DateTimeOffset? AsOf { get; set; }

    /// <summary>How often deadlines and the power queue are looked at again.</summary>
    public TimeSpan EvaluateEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Priority power is met while no critical site has waited longer than this.</summary>
    public TimeSpan PowerWaitLimit { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Whom to report an emergency to at once (the DIC's director and deputy): configuration, never code; the demo's numbers are invented.</summary>
    public List<EmergencyContact> EmergencyContacts { get; set; } = [];
}

/// <summary>A person to call at once about an emergency.</summary>
public sealed class EmergencyContact
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public string Phone { get; set; } = "";
}
