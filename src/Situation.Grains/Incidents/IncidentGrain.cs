using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Grains.Directives;
using State = Situation.Contracts.Model.Words.IncidentState;

namespace Situation.Grains.Incidents;

/// <summary>The persisted state of an incident: its view, and the audit record of the write that stores it.</summary>
[GenerateSerializer, Alias("situation.incident-state")]
public sealed class IncidentState : AuditedState
{
    [Id(0)] public IncidentView? Current { get; set; }
}

/// <summary>
/// One incident's handling. Each step is stored with its audit record in one write, then handed to
/// the board, which lists it and puts it on the live feed. Whoever is on the enterprise's
/// emergency-response duty (its roster, on the directives' clock) is who it is assigned to, until
/// a crew or a person is named when one is sent.
/// </summary>
public sealed class IncidentGrain(
    [PersistentState("incident", "Default")] IPersistentState<IncidentState> state,
    TimeProvider clock) : Grain, IIncidentGrain
{
    public const string AuditType = "incident";

    private IncidentView? Current => state.State.Current;

    private string Id => this.GetPrimaryKeyString();

    public Task<IncidentView?> Get() => Task.FromResult(Current);

    public async Task<DirectiveWrite<IncidentView>> Open(IncidentOpening opening, Actor actor)
    {
        if (Current is { } held)
            return new(WriteOutcome.AlreadyExists, held);
        if (!WriteGate.OpensIncident(actor, opening.EnterpriseId))
            return new(WriteOutcome.Forbidden, null);
        var now = clock.GetUtcNow();
        var next = new IncidentView
        {
            Id = Id, State = State.Open, EnterpriseId = opening.EnterpriseId, DistrictId = opening.DistrictId, Subjects = opening.Subjects,
            FlagId = opening.FlagId, FlagKind = opening.FlagKind, Location = opening.Location, Note = opening.Note,
            Assignee = await OnEmergencyDuty(opening.EnterpriseId), OpenedAt = now, Steps = [new IncidentStep(State.Open, now, actor.Name, opening.Note)],
        };
        // The board, which opens incidents, records this one from the answer.
        await Commit(next, actor, "open", tellBoard: false);
        return new(WriteOutcome.Created, state.State.Current);
    }

    public async Task<DirectiveWrite<IncidentView>> Move(IncidentMove move, Actor actor)
    {
        if (Current is not { } current)
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.ActsFor(actor, current.EnterpriseId))
            return new(WriteOutcome.Forbidden, current);
        if (!IncidentRules.MayMove(current.State, move.To))
            return new(WriteOutcome.Conflict, current);
        var now = clock.GetUtcNow();
        var next = current with { State = move.To, Steps = [.. current.Steps, new IncidentStep(move.To, now, actor.Name, move.Note)] };
        switch (move.To)
        {
            case State.Acknowledged:
                next = next with { AcknowledgedAt = now };
                break;
            case State.CrewDispatched:
                var sent = move.Assignee ?? current.Assignee ?? await OnEmergencyDuty(current.EnterpriseId);
                // Nobody to send is not a dispatch: the enterprise names a crew or a person, or staffs its duty.
                if (sent is null)
                    return new(WriteOutcome.Conflict, current);
                next = next with { DispatchedAt = now, Assignee = sent, CrewId = sent.CrewId ?? current.CrewId };
                break;
            case State.OnSite:
                next = next with { OnSiteAt = now };
                break;
            case State.Resolved:
                next = next with { ClosedAt = now, RestoredAt = current.RestoredAt ?? now };
                break;
            case State.Cancelled:
                next = next with { ClosedAt = now };
                break;
        }
        await Commit(next, actor, move.To, tellBoard: true);
        return new(WriteOutcome.Changed, state.State.Current);
    }

    public async Task CauseCleared(ResolutionProposal proposal)
    {
        if (Current is not { IsOpen: true, Proposal: null } current)
            return;
        await Commit(current with { Proposal = proposal, RestoredAt = current.RestoredAt ?? proposal.At }, Actor.System, "propose-resolution", tellBoard: true);
    }

    /// <summary>Who the enterprise's roster has on emergency-response duty now, if anyone.</summary>
    private async Task<IncidentAssignee?> OnEmergencyDuty(string enterpriseId)
    {
        var now = await GrainFactory.GetGrain<IComplianceGrain>(IComplianceGrain.Key).Now();
        var shift = (await GrainFactory.GetGrain<IRosterGrain>(enterpriseId).Shifts())
            .FirstOrDefault(s => s.Duty == Words.Duty.EmergencyResponse && s.Covers(now));
        return shift is null ? null : new IncidentAssignee(shift.Person, shift.Phone, shift.Id, CrewId: null);
    }

    private async Task Commit(IncidentView next, Actor actor, string action, bool tellBoard)
    {
        var previous = Current;
        var now = clock.GetUtcNow();
        next = next with { Version = (previous?.Version ?? 0) + 1, UpdatedAt = now, UpdatedBy = actor.Name };
        state.State.Current = next;
        await AuditedWrites.Store(state, AuditedChange.Of(AuditType, Id, actor, action, next.Version, now, ViewJson.Write(previous), ViewJson.Write(next)),
            () => state.State.Current = previous, "incident");
        if (tellBoard)
            await GrainFactory.GetGrain<IIncidentBoardGrain>(IIncidentBoardGrain.Key).IncidentChanged(next);
    }
}
