using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class DistrictGrain(
    [PersistentState(EntityType.District, "Default")] IPersistentState<EntityState<DistrictView>> state,
    TimeProvider clock) : EntityGrain<DistrictView>(state, clock), IDistrictGrain
{
    public async Task<WriteResult<DistrictView>> Register(DistrictRegistration registration, Actor actor)
    {
        var current = Current;
        if (Refuse(actor, new WriteTarget(EntityType.District, DistrictId: Id)) is { } refused)
            return refused;
        if (current is not null && current.Name == registration.Name && current.FullName == registration.FullName
            && current.Population == registration.Population && current.Boundary == registration.Boundary
            && current.Schematic == registration.Schematic)
            return Result(WriteOutcome.Unchanged, current);

        var next = new DistrictView
        {
            Id = Id, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
            Name = registration.Name, FullName = registration.FullName, Population = registration.Population,
            Boundary = registration.Boundary, Schematic = registration.Schematic,
            Level = current?.Level ?? "normal", Note = current?.Note,
        };
        var result = await Commit(next, current is null ? WriteOutcome.Created : WriteOutcome.Changed);
        if (current is null)
            await GrainFactory.GetGrain<IProvinceGrain>(IProvinceGrain.Key).AddDistrict(Id);
        return result;
    }

    public Task<WriteResult<DistrictView>> SetLevel(string level, string? note, Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        if (Refuse(actor, new WriteTarget(EntityType.District, DistrictId: Id)) is { } refused)
            return Task.FromResult(refused);
        if (current.Level == level && current.Note == note)
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));
        return Commit(current with { Level = level, Note = note, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name },
            WriteOutcome.Changed);
    }
}
