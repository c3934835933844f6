using Orleans.Concurrency;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Contracts.Directives;

/// <summary>What became of a write to an organisation, a directive, an obligation or the work they bring (an incident, a crew, a pass), and its state after it.</summary>
[GenerateSerializer, Immutable, Alias("situation.directive-write`1")]
public sealed record DirectiveWrite<T>([property: Id(0)] WriteOutcome Outcome, [property: Id(1)] T? View) where T : class;

/// <summary>One addressee of the directives, keyed by its code; the write side of its own state.</summary>
[Alias("situation.IOrganisationGrain")]
public interface IOrganisationGrain : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("Get")] Task<OrganisationView?> Get();

    /// <summary>Creates or renames the organisation; an administrator's (or the demo's) to do.</summary>
    [Alias("Register")] Task<DirectiveWrite<OrganisationView>> Register(OrganisationRegistration registration, Actor actor);

    /// <summary>The organisation names (or changes) its contact point; its own accounts' to do.</summary>
    [Alias("SetContactPoint")] Task<DirectiveWrite<OrganisationView>> SetContactPoint(ContactPoint contactPoint, Actor actor);

    /// <summary>A postal enterprise reports a day's health declarations (a second report of the day replaces the first).</summary>
    [Alias("ReportHealthDeclarations")] Task<DirectiveWrite<OrganisationView>> ReportHealthDeclarations(HealthDeclarationReport report, Actor actor);
}

/// <summary>One organisation's duty roster, keyed by the organisation's code: its own accounts keep it.</summary>
[Alias("situation.IRosterGrain")]
public interface IRosterGrain : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("Shifts")] Task<ShiftView[]> Shifts();

    /// <summary>Adds or replaces shifts (one, or a CSV file's worth) in one write; the answer holds them as stored.</summary>
    [Alias("Save")] Task<DirectiveWrite<ShiftView[]>> Save(ShiftDefinition[] shifts, Actor actor);

    [Alias("Remove")] Task<DirectiveWrite<ShiftView[]>> Remove(string shiftId, Actor actor);
}

/// <summary>
/// The province's directives and where every addressee stands with them: the read side of the
/// organisations, the obligations each clause makes of them with their status, and the
/// <c>obligation_overdue</c> flags. One per province; it keeps the directives' clock, which a demo
/// may set to run "as of" a day of 2021.
/// </summary>
[Alias("situation.IComplianceGrain")]
public interface IComplianceGrain : IGrainWithStringKey
{
    public const string Key = "province";

    /// <summary>An organisation's new state, stored by its grain; answered once the obligations reflect it.</summary>
    [Alias("OrganisationChanged")] Task OrganisationChanged(OrganisationView organisation);

    /// <summary>An organisation's roster as stored by its grain, whole; answered once the coverage reflects it.</summary>
    [Alias("RosterChanged")] Task RosterChanged(string organisationId, ShiftView[] shifts, ShiftView[] removed);

    [AlwaysInterleave, Alias("ShiftList")] Task<ShiftView[]> ShiftList();

    /// <summary>Checkpoints' new views, from the index that took them; one-way, as the flags are told.</summary>
    [OneWay, Alias("CheckpointsChanged")] Task CheckpointsChanged(Immutable<CheckpointView[]> checkpoints);

    /// <summary>Adds or replaces a directive (an administrator's): its obligations follow at once.</summary>
    [Alias("SaveDirective")] Task<DirectiveWrite<Directive>> SaveDirective(Directive directive, bool create, Actor actor);

    [AlwaysInterleave, Alias("Directives")] Task<Directive[]> Directives();

    [AlwaysInterleave, Alias("Organisations")] Task<OrganisationView[]> Organisations();

    [AlwaysInterleave, Alias("Obligations")] Task<ObligationView[]> Obligations();

    /// <summary>An obligation's status changes, newest first; null for an obligation that does not exist.</summary>
    [AlwaysInterleave, Alias("StatusChanges")] Task<ObligationStatusChange[]?> StatusChanges(string obligationId);

    /// <summary>The open <c>obligation_overdue</c> flags, filtered as <c>GET /api/flags</c> is.</summary>
    [AlwaysInterleave, Alias("Flags")] Task<FlagView[]> Flags(string? districtId, string? kind);

    /// <summary>An organisation shows it has done what a clause asks (a note, a document's reference).</summary>
    [Alias("SendEvidence")] Task<DirectiveWrite<ObligationView>> SendEvidence(string obligationId, ObligationEvidence evidence, Actor actor);

    /// <summary>The DIC releases an organisation from an obligation, saying why.</summary>
    [Alias("Waive")] Task<DirectiveWrite<ObligationView>> Waive(string obligationId, string reason, Actor actor);

    [Alias("Acknowledge")] Task<FlagView?> Acknowledge(string flagId, Actor actor);

    /// <summary>The time on the directives' clock: the platform's, or the demo's "as of" moment moving on from when it was set.</summary>
    [AlwaysInterleave, Alias("Now")] Task<DateTimeOffset> Now();

    /// <summary>Decides every obligation's status again at the clock's time (a timer does it every few seconds).</summary>
    [Alias("Evaluate")] Task Evaluate();
}
