using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;

namespace Situation.Grains.Directives;

/// <summary>The persisted roster of one organisation: its shifts by id, and the audit record of the write that stores them.</summary>
[GenerateSerializer, Alias("situation.roster-state")]
public sealed class RosterState : AuditedState
{
    [Id(0)] public Dictionary<string, ShiftView> Shifts { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Grows with every write of the roster: the version its audit record carries.</summary>
    [Id(1)] public long Version { get; set; }
}

/// <summary>
/// One organisation's duty roster. Its own accounts add, replace and remove shifts (a CSV file's
/// worth in one write, with one audit record naming the shifts before and after); the compliance
/// grain is told the whole roster after each write and checks its coverage.
/// </summary>
public sealed class RosterGrain(
    [PersistentState("roster", "Default")] IPersistentState<RosterState> state,
    TimeProvider clock) : Grain, IRosterGrain
{
    public const string AuditType = "roster";

    /// <summary>Shifts that ended this long ago are let go: the audit trail keeps them.</summary>
    private static readonly TimeSpan KeptAfterEnd = TimeSpan.FromDays(30);

    private string OrganisationId => this.GetPrimaryKeyString();

    public Task<ShiftView[]> Shifts() => Task.FromResult(Ordered());

    public async Task<DirectiveWrite<ShiftView[]>> Save(ShiftDefinition[] shifts, Actor actor)
    {
        if (Refusal(actor) is { } refused)
            return refused;
        if (await GrainFactory.GetGrain<IOrganisationGrain>(OrganisationId).Get() is null)
            return new(WriteOutcome.NotFound, null);
        var now = clock.GetUtcNow();
        // Shifts are times on the directives' clock, which a demo runs in 2021.
        var directivesNow = await GrainFactory.GetGrain<IComplianceGrain>(IComplianceGrain.Key).Now();
        var removed = Prune(directivesNow);
        var before = new List<ShiftView>();
        var after = new List<ShiftView>();
        foreach (var shift in shifts)
        {
            var held = state.State.Shifts.GetValueOrDefault(shift.Id);
            if (held is not null && held.Duty == shift.Duty && held.Person == shift.Person && held.Phone == shift.Phone && held.Start == shift.Start && held.End == shift.End)
                continue;
            var next = new ShiftView
            {
                Id = shift.Id, OrganisationId = OrganisationId, Duty = shift.Duty, Person = shift.Person, Phone = shift.Phone,
                Start = shift.Start, End = shift.End, Version = (held?.Version ?? 0) + 1, UpdatedAt = now, UpdatedBy = actor.Name,
            };
            if (held is not null) before.Add(held);
            after.Add(next);
            state.State.Shifts[shift.Id] = next;
        }
        if (after.Count == 0 && removed.Count == 0)
            return new(WriteOutcome.Unchanged, Ordered());
        await Store(actor, after.Count == 1 && before.Count == 0 ? "add-shift" : "save-shifts", before, after, removed);
        return new(before.Count == 0 && after.Count == shifts.Length ? WriteOutcome.Created : WriteOutcome.Changed, [.. after]);
    }

    public async Task<DirectiveWrite<ShiftView[]>> Remove(string shiftId, Actor actor)
    {
        if (Refusal(actor) is { } refused)
            return refused;
        if (!state.State.Shifts.Remove(shiftId, out var held))
            return new(WriteOutcome.NotFound, null);
        await Store(actor, "remove-shift", [held], [], [held]);
        return new(WriteOutcome.Changed, [held]);
    }

    private DirectiveWrite<ShiftView[]>? Refusal(Actor actor) =>
        WriteGate.ActsFor(actor, OrganisationId) ? null : new(WriteOutcome.Forbidden, null);

    private List<ShiftView> Prune(DateTimeOffset now)
    {
        var old = state.State.Shifts.Values.Where(s => now - s.End > KeptAfterEnd).ToList();
        foreach (var shift in old)
            state.State.Shifts.Remove(shift.Id);
        return old;
    }

    private async Task Store(Actor actor, string action, List<ShiftView> before, List<ShiftView> after, List<ShiftView> removed)
    {
        state.State.Version++;
        state.State.LastChange = AuditedChange.Of(AuditType, OrganisationId, actor, action, state.State.Version, clock.GetUtcNow(), ViewJson.Write(before), ViewJson.Write(after));
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            // Nothing that was not stored may be shown: read back what is.
            await state.ReadStateAsync();
            if (error is Orleans.Storage.InconsistentStateException) throw;
            throw new StorageUnavailableException($"The roster could not be stored ({error.GetType().Name})");
        }
        finally
        {
            state.State.LastChange = null;
        }
        await GrainFactory.GetGrain<IComplianceGrain>(IComplianceGrain.Key).RosterChanged(OrganisationId, Ordered(), [.. removed]);
    }

    private ShiftView[] Ordered() => [.. state.State.Shifts.Values.OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal)];
}
