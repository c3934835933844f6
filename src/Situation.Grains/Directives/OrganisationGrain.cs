using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;

namespace Situation.Grains.Directives;

/// <summary>The persisted state of an organisation: its view, and the audit record of the write that stores it.</summary>
[GenerateSerializer, Alias("situation.organisation-state")]
public sealed class OrganisationState : AuditedState
{
    [Id(0)] public OrganisationView? Current { get; set; }
}

/// <summary>
/// One organisation's own state: who it is, and the contact point it named. Each change is stored
/// with its audit record in one write, then handed to the compliance grain, which is its read side.
/// </summary>
public sealed class OrganisationGrain(
    [PersistentState("organisation", "Default")] IPersistentState<OrganisationState> state,
    TimeProvider clock) : Grain, IOrganisationGrain
{
    public const string AuditType = "organisation";

    private OrganisationView? Current => state.State.Current;

    private string Id => this.GetPrimaryKeyString();

    public Task<OrganisationView?> Get() => Task.FromResult(Current);

    public async Task<DirectiveWrite<OrganisationView>> Register(OrganisationRegistration registration, Actor actor)
    {
        if (!WriteGate.Administers(actor))
            return new(WriteOutcome.Forbidden, Current);
        var current = Current;
        if (current is not null && current.Name == registration.Name && current.Kind == registration.Kind && current.DistrictId == registration.DistrictId)
        {
            // Unchanged, but the read side may not have it yet (it was lost with a node): tell it again.
            await Tell(current);
            return new(WriteOutcome.Unchanged, current);
        }
        var next = new OrganisationView
        {
            Id = Id, Name = registration.Name, Kind = registration.Kind, DistrictId = registration.DistrictId,
            ContactPoint = current?.ContactPoint, HealthDeclarations = current?.HealthDeclarations ?? [],
        };
        return await Commit(next, actor, current is null ? WriteOutcome.Created : WriteOutcome.Changed, "register");
    }

    public async Task<DirectiveWrite<OrganisationView>> SetContactPoint(ContactPoint contactPoint, Actor actor)
    {
        if (Current is not { } current)
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.ActsFor(actor, Id))
            return new(WriteOutcome.Forbidden, current);
        if (current.ContactPoint is { } held && held with { SubmittedAt = contactPoint.SubmittedAt } == contactPoint)
        {
            await Tell(current);
            return new(WriteOutcome.Unchanged, current);
        }
        return await Commit(current with { ContactPoint = contactPoint }, actor, WriteOutcome.Changed, "set-contact-point");
    }

    /// <summary>How many days of health declarations an organisation keeps in its view.</summary>
    private const int DeclarationDaysKept = 30;

    public async Task<DirectiveWrite<OrganisationView>> ReportHealthDeclarations(HealthDeclarationReport report, Actor actor)
    {
        if (Current is not { } current)
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.ActsFor(actor, Id))
            return new(WriteOutcome.Forbidden, current);
        if (current.Kind != Words.OrganisationKind.Postal)
            return new(WriteOutcome.Conflict, current);
        if (current.HealthDeclarations.FirstOrDefault(r => r.Day == report.Day) is { } held && held.Declared == report.Declared && held.Worked == report.Worked)
            return new(WriteOutcome.Unchanged, current);
        var reports = current.HealthDeclarations.Where(r => r.Day != report.Day).Append(report)
            .OrderByDescending(r => r.Day).Take(DeclarationDaysKept).ToArray();
        return await Commit(current with { HealthDeclarations = reports }, actor, WriteOutcome.Changed, "report-health-declarations");
    }

    private async Task<DirectiveWrite<OrganisationView>> Commit(OrganisationView next, Actor actor, WriteOutcome outcome, string action)
    {
        var previous = Current;
        var now = clock.GetUtcNow();
        next = next with { Version = (previous?.Version ?? 0) + 1, UpdatedAt = now, UpdatedBy = actor.Name };
        state.State.Current = next;
        await AuditedWrites.Store(state, AuditedChange.Of(AuditType, Id, actor, action, next.Version, now, ViewJson.Write(previous), ViewJson.Write(next)),
            () => state.State.Current = previous, "organisation");
        await Tell(next);
        return new(outcome, next);
    }

    private Task Tell(OrganisationView view) => GrainFactory.GetGrain<IComplianceGrain>(IComplianceGrain.Key).OrganisationChanged(view);
}
