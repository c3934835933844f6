using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class CheckpointGrain(
    [PersistentState(EntityType.Checkpoint, "Default")] IPersistentState<EntityState<CheckpointView>> state,
    TimeProvider clock) : ReportingGrain<CheckpointView>(state, clock), ICheckpointGrain
{
    public Task<WriteResult<CheckpointView>> Save(CheckpointDefinition definition, Actor actor)
    {
        var current = Current;
        if (Refuse(actor, new WriteTarget(EntityType.Checkpoint, DistrictId: definition.DistrictId, WasDistrictId: current?.DistrictId)) is { } refused)
            return Task.FromResult(refused);
        var next = new CheckpointView
        {
            Id = Id, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
            DistrictId = definition.DistrictId, Name = definition.Name, Road = definition.Road,
            Location = definition.Location,
            Status = definition.Status ?? current?.Status ?? "active",
            Wifi = definition.Wifi ?? current?.Wifi ?? "none",
            WifiOperator = definition.WifiOperator ?? current?.WifiOperator,
            LastReportAt = Now,
            Stale = false,
        };
        if (current is not null && Same(current, next))
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));
        return Commit(next, current is null ? WriteOutcome.Created : WriteOutcome.Changed);
    }

    public Task<WriteResult<CheckpointView>> Patch(CheckpointPatch patch, Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        // Only the wifi fields may be an operator's business: the wifi it provides here.
        var onlyWifi = patch is { Name: null, Road: null, Status: null };
        // And only the wifi's status (not who provides it) the business of the officers at the checkpoint.
        var onlyWifiStatus = onlyWifi && patch.WifiOperator is null;
        var target = new WriteTarget(EntityType.Checkpoint, DistrictId: current.DistrictId,
            Operator: onlyWifi ? patch.WifiOperator ?? current.WifiOperator : null, WasOperator: current.WifiOperator,
            WifiStatusOf: onlyWifiStatus ? Id : null);
        if (Refuse(actor, target) is { } refused)
            return Task.FromResult(refused);
        var at = patch.At ?? Now;
        if (current.LastReportAt is { } last && at < last)
            return Task.FromResult(Result(WriteOutcome.Outdated, current));

        var next = current with
        {
            Name = patch.Name ?? current.Name,
            Road = patch.Road ?? current.Road,
            Status = patch.Status ?? current.Status,
            Wifi = patch.Wifi ?? current.Wifi,
            WifiOperator = patch.WifiOperator ?? current.WifiOperator,
            LastReportAt = at,
            Stale = false,
        };
        if (Same(current, next) && !current.Stale)
            return Heartbeat(next);
        return Commit(Stamp(next, actor), WriteOutcome.Changed);
    }

    protected override DerivedState DerivedOf(CheckpointView view) => new(view.Stale, UpstreamDown: false);

    protected override CheckpointView WithDerived(CheckpointView view, DerivedState derived) => view with { Stale = derived.Stale };

    /// <summary>Equal in everything a person would call the checkpoint's state.</summary>
    private static bool Same(CheckpointView a, CheckpointView b) =>
        a.DistrictId == b.DistrictId && a.Name == b.Name && a.Road == b.Road && a.Location == b.Location
        && a.Status == b.Status && a.Wifi == b.Wifi && a.WifiOperator == b.WifiOperator;
}
