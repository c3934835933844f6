using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class ZoneGrain(
    [PersistentState(EntityType.Zone, "Default")] IPersistentState<EntityState<ZoneView>> state,
    TimeProvider clock) : EntityGrain<ZoneView>(state, clock), IZoneGrain
{
    public Task<WriteResult<ZoneView>> Create(ZoneDefinition definition, Actor actor)
    {
        if (Refuse(actor, new WriteTarget(EntityType.Zone, DistrictId: definition.DistrictId, WasDistrictId: Current?.DistrictId)) is { } refused)
            return Task.FromResult(refused);
        if (Current is { } existing)
            return Task.FromResult(Result(WriteOutcome.AlreadyExists, existing));
        var zone = new ZoneView
        {
            Id = Id, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
            DistrictId = definition.DistrictId, Name = definition.Name, Boundary = definition.Boundary,
            Status = "active", Since = Now, Until = definition.Until,
        };
        return Commit(zone, WriteOutcome.Created);
    }

    public Task<WriteResult<ZoneView>> Update(ZoneDefinition definition, Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        if (Refuse(actor, new WriteTarget(EntityType.Zone, DistrictId: definition.DistrictId, WasDistrictId: current.DistrictId)) is { } refused)
            return Task.FromResult(refused);
        if (current.DistrictId == definition.DistrictId && current.Name == definition.Name
            && current.Boundary == definition.Boundary && current.Until == definition.Until)
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));
        var next = current with
        {
            DistrictId = definition.DistrictId, Name = definition.Name, Boundary = definition.Boundary,
            Until = definition.Until, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
        };
        return Commit(next, WriteOutcome.Changed);
    }

    public Task<WriteResult<ZoneView>> Lift(Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        if (Refuse(actor, new WriteTarget(EntityType.Zone, DistrictId: current.DistrictId)) is { } refused)
            return Task.FromResult(refused);
        if (current.Status == "lifted")
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));
        var next = current with { Status = "lifted", Until = Now, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name };
        return Commit(next, WriteOutcome.Changed);
    }
}
