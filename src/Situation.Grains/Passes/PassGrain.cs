using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;
using Situation.Grains.Directives;
using State = Situation.Contracts.Model.Words.PassState;

namespace Situation.Grains.Passes;

[GenerateSerializer, Alias("situation.pass-state")]
public sealed class PassState : AuditedState
{
    [Id(0)] public PassView? Current { get; set; }
}

/// <summary>
/// One pass: asked for by an enterprise, decided by the district committee that owns its zones
/// (granting signs its token, and only while every member has declared their health today), taken
/// back if need be, and crossed at its checkpoints. Each change is stored with its audit record,
/// then handed to the pass board.
/// </summary>
public sealed class PassGrain(
    [PersistentState("pass", "Default")] IPersistentState<PassState> state,
    TimeProvider clock) : Grain, IPassGrain
{
    public const string AuditType = "pass";

    private PassView? Current => state.State.Current;

    private string Id => this.GetPrimaryKeyString();

    public Task<PassView?> Get() => Task.FromResult(Current);

    public async Task<DirectiveWrite<PassView>> Apply(PassApplication application, Actor actor)
    {
        if (Current is { } held)
            return new(WriteOutcome.AlreadyExists, held);
        if (!WriteGate.ActsFor(actor, application.EnterpriseId))
            return new(WriteOutcome.Forbidden, null);
        var now = clock.GetUtcNow();
        var next = new PassView
        {
            Id = Id, State = State.Requested, EnterpriseId = application.EnterpriseId, CrewId = application.CrewId, Members = application.Members,
            VehiclePlate = application.VehiclePlate, IncidentId = application.IncidentId, DistrictId = application.DistrictId,
            ZoneIds = application.ZoneIds, CheckpointIds = application.CheckpointIds, ValidFrom = application.ValidFrom, ValidUntil = application.ValidUntil,
            RequestedAt = now, RequestedBy = actor.Name,
        };
        await Commit(next, actor, "request", null);
        return new(WriteOutcome.Created, Current);
    }

    public async Task<DirectiveWrite<PassView>> Decide(bool grant, string? reason, Actor actor)
    {
        if (Current is not { } current)
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.DecidesPasses(actor, current.DistrictId))
            return new(WriteOutcome.Forbidden, current);
        if (current.State != State.Requested || (grant && (!await AllDeclaredToday(current) || current.ValidUntil <= clock.GetUtcNow())))
            return new(WriteOutcome.Conflict, current);
        var now = clock.GetUtcNow();
        var next = current with { State = grant ? State.Granted : State.Refused, DecidedAt = now, DecidedBy = actor.Name, Reason = reason };
        if (grant)
        {
            var claims = PassToken.EncodeClaims(PassClaims.Of(next));
            var (kid, signature) = await GrainFactory.GetGrain<IPassKeysGrain>(IPassKeysGrain.Key).Sign(claims, next.ValidUntil);
            next = next with { Token = PassToken.Compose(kid, claims, signature) };
        }
        await Commit(next, actor, grant ? "grant" : "refuse", null);
        return new(WriteOutcome.Changed, Current);
    }

    public async Task<DirectiveWrite<PassView>> Revoke(string reason, Actor actor)
    {
        if (Current is not { } current)
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.DecidesPasses(actor, current.DistrictId))
            return new(WriteOutcome.Forbidden, current);
        if (current.State != State.Granted)
            return new(WriteOutcome.Conflict, current);
        await Commit(current with { State = State.Revoked, Reason = reason, DecidedAt = clock.GetUtcNow(), DecidedBy = actor.Name }, actor, "revoke", null);
        return new(WriteOutcome.Changed, Current);
    }

    public async Task<DirectiveWrite<PassView>> RecordCrossing(PassCrossing crossing, Actor actor)
    {
        if (Current is not { } current)
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.WorksAt(actor, crossing.CheckpointId, current.DistrictId))
            return new(WriteOutcome.Forbidden, current);
        // The officer's device sends a queued crossing until it hears back: the second time is no change.
        if (current.Crossings.Any(c => c.Id == crossing.Id))
            return new(WriteOutcome.Unchanged, current);
        if (current.State != State.Granted || !current.CheckpointIds.Contains(crossing.CheckpointId))
            return new(WriteOutcome.Conflict, current);
        var recorded = crossing with { RecordedBy = actor.Name };
        var crossings = current.Crossings.Append(recorded).OrderBy(c => c.At).ToArray();
        await Commit(current with { Crossings = crossings }, actor, $"cross-{crossing.Direction}", recorded);
        return new(WriteOutcome.Created, Current);
    }

    /// <summary>Clause 3.2c: nobody goes in who has not declared their health today (in Gia Lai).</summary>
    private async Task<bool> AllDeclaredToday(PassView pass)
    {
        var crew = (await GrainFactory.GetGrain<ICrewsGrain>(pass.EnterpriseId).Crews()).FirstOrDefault(c => c.Id == pass.CrewId);
        var today = LocalDay.Of(clock.GetUtcNow());
        return crew is not null && pass.Members.All(m => crew.Members.FirstOrDefault(c => c.Id == m.Id)?.DeclaredOnDay(today) == true);
    }

    private async Task Commit(PassView next, Actor actor, string action, PassCrossing? crossing)
    {
        var previous = Current;
        var now = clock.GetUtcNow();
        next = next with { Version = (previous?.Version ?? 0) + 1, UpdatedAt = now, UpdatedBy = actor.Name };
        state.State.Current = next;
        await AuditedWrites.Store(state, AuditedChange.Of(AuditType, Id, actor, action, next.Version, now, ViewJson.Write(previous), ViewJson.Write(next)),
            () => state.State.Current = previous, "pass");
        await GrainFactory.GetGrain<IPassBoardGrain>(IPassBoardGrain.Key).PassChanged(next, crossing);
    }
}
