using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;
using Situation.Grains.Directives;
using Situation.Grains.Live;

namespace Situation.Grains.Passes;

[GenerateSerializer, Alias("situation.crews-state")]
public sealed class CrewsState : AuditedState
{
    [Id(0)] public Dictionary<string, CrewView> Crews { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One enterprise's repair crews and their members' daily health declarations. Each change is stored
/// with its audit record and goes on the live feed as a <c>crew</c> item.
/// </summary>
public sealed class CrewsGrain(
    [PersistentState("crews", "Default")] IPersistentState<CrewsState> state,
    IChangeFeed feed,
    TimeProvider clock) : Grain, ICrewsGrain
{
    public const string AuditType = "crew";
    public const string LiveType = "crew";

    private string EnterpriseId => this.GetPrimaryKeyString();

    public Task<CrewView[]> Crews() => Task.FromResult(state.State.Crews.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray());

    public async Task<DirectiveWrite<CrewView>> Save(string crewId, CrewDefinition crew, Actor actor)
    {
        if (!WriteGate.ActsFor(actor, EnterpriseId))
            return new(WriteOutcome.Forbidden, null);
        var held = state.State.Crews.GetValueOrDefault(crewId);
        var members = crew.Members.Select(m => new CrewMember(m.Id, m.Name, m.Phone, held?.Members.FirstOrDefault(h => h.Id == m.Id)?.DeclaredOn)).ToArray();
        if (held is not null && held.Name == crew.Name && held.VehiclePlate == crew.VehiclePlate && held.Members.SequenceEqual(members))
            return new(WriteOutcome.Unchanged, held);
        var next = new CrewView { Id = crewId, EnterpriseId = EnterpriseId, Name = crew.Name, VehiclePlate = crew.VehiclePlate, Members = members };
        await Commit(held, next, actor, held is null ? "add-crew" : "save-crew");
        return new(held is null ? WriteOutcome.Created : WriteOutcome.Changed, state.State.Crews[crewId]);
    }

    public async Task<DirectiveWrite<CrewView>> Declare(string crewId, string memberId, DateOnly day, Actor actor)
    {
        if (!state.State.Crews.TryGetValue(crewId, out var held) || held.Members.All(m => m.Id != memberId))
            return new(WriteOutcome.NotFound, null);
        if (!WriteGate.ActsFor(actor, EnterpriseId))
            return new(WriteOutcome.Forbidden, held);
        if (held.Members.Single(m => m.Id == memberId).DeclaredOn >= day)
            return new(WriteOutcome.Unchanged, held);
        var next = held with { Members = [.. held.Members.Select(m => m.Id == memberId ? m with { DeclaredOn = day } : m)] };
        await Commit(held, next, actor, "declare-health");
        return new(WriteOutcome.Changed, state.State.Crews[crewId]);
    }

    private async Task Commit(CrewView? previous, CrewView next, Actor actor, string action)
    {
        var now = clock.GetUtcNow();
        next = next with { Version = (previous?.Version ?? 0) + 1, UpdatedAt = now, UpdatedBy = actor.Name };
        state.State.Crews[next.Id] = next;
        await AuditedWrites.Store(state, AuditedChange.Of(AuditType, CrewView.LiveId(EnterpriseId, next.Id), actor, action, next.Version, now, ViewJson.Write(previous), ViewJson.Write(next)),
            () => { if (previous is null) state.State.Crews.Remove(next.Id); else state.State.Crews[next.Id] = previous; }, "crew");
        feed.Publish(new LiveChange(LiveType, CrewView.LiveId(EnterpriseId, next.Id), next.Version, Deleted: false, next, [], Audience.OfCrews(EnterpriseId)));
    }
}
