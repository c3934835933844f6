using Orleans.Concurrency;
using Situation.Contracts.Directives;
using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Model;
using Situation.Grains.Live;

namespace Situation.Grains.Incidents;

/// <summary>The board's stored copy of the incidents it lists: open ones, and closed ones for 30 days.</summary>
[GenerateSerializer, Alias("situation.incident-board-state")]
public sealed class IncidentBoardState
{
    [Id(0)] public Dictionary<string, IncidentView> Incidents { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The province's incidents. It opens them (so that one flag has one open incident at a time), keeps
/// a copy of each at its newest version for lists and summaries, puts every change on the live feed,
/// and tells an incident when its cause has cleared: the flag it came from, or every entity it
/// concerns back in service.
/// </summary>
public sealed class IncidentBoardGrain(
    [PersistentState("incidents", "Default")] IPersistentState<IncidentBoardState> state,
    IChangeFeed feed,
    TimeProvider clock) : Grain, IIncidentBoardGrain
{
    public const string LiveType = "incident";

    /// <summary>Closed incidents stay listed this long; their grains and the audit trail keep them after.</summary>
    private static readonly TimeSpan KeptAfterClosing = TimeSpan.FromDays(30);

    private Dictionary<string, IncidentView> Incidents => state.State.Incidents;

    public async Task<DirectiveWrite<IncidentView>> Open(string id, IncidentOpening opening, Actor actor)
    {
        if (opening.FlagId is { } flagId && Incidents.Values.FirstOrDefault(i => i.IsOpen && i.FlagId == flagId && i.Id != id) is { } already)
            return new(WriteOutcome.Conflict, already);
        var result = await GrainFactory.GetGrain<IIncidentGrain>(id).Open(opening, actor);
        // An incident stored before a failure here is taken in when its opening is sent again.
        if (result.View is { } view && result.Outcome is WriteOutcome.Created or WriteOutcome.AlreadyExists)
            await Take(view);
        return result;
    }

    public Task IncidentChanged(IncidentView incident) => Take(incident);

    public Task<IncidentView[]> List() => Task.FromResult(Incidents.Values.ToArray());

    public Task FlagsCleared(Immutable<string[]> flagIds)
    {
        var cleared = flagIds.Value.ToHashSet(StringComparer.Ordinal);
        foreach (var incident in Incidents.Values.Where(i => i is { IsOpen: true, Proposal: null, FlagId: { } } && cleared.Contains(i.FlagId!)))
            Propose(incident, $"flag {incident.FlagId} cleared");
        return Task.CompletedTask;
    }

    public async Task EntitiesRestored(Immutable<EntityRef[]> entities)
    {
        var restored = entities.Value.ToHashSet();
        foreach (var incident in Incidents.Values.Where(i => i is { IsOpen: true, Proposal: null, FlagId: null } && i.Subjects.Any(restored.Contains)).ToList())
            if (await AllInService(incident.Subjects))
                Propose(incident, $"{string.Join(", ", incident.Subjects)} in service again");
    }

    private async Task<bool> AllInService(EntityRef[] subjects)
    {
        foreach (var subject in subjects)
            if (EntityTable.Find(subject.Type) is { } entity
                && await entity.GrainOf(GrainFactory, subject.Id).GetView() is { } view && !IncidentRules.InService(view))
                return false;
        return true;
    }

    /// <summary>Told without waiting: the incident answers with its new state through <see cref="IncidentChanged"/>.</summary>
    private void Propose(IncidentView incident, string reason) =>
        GrainFactory.GetGrain<IIncidentGrain>(incident.Id).CauseCleared(new ResolutionProposal(clock.GetUtcNow(), reason)).Ignore();

    private async Task Take(IncidentView incident)
    {
        if (Incidents.TryGetValue(incident.Id, out var held) && held.Version >= incident.Version)
            return;
        Incidents[incident.Id] = incident;
        var now = clock.GetUtcNow();
        foreach (var old in Incidents.Values.Where(i => i.ClosedAt is { } closed && now - closed > KeptAfterClosing).ToList())
            Incidents.Remove(old.Id);
        await state.WriteStateAsync();
        feed.Publish(new LiveChange(LiveType, incident.Id, incident.Version, Deleted: false, incident, incident.DistrictId is { } district ? [district] : [], IncidentRules.AudienceOf(incident)));
    }
}
