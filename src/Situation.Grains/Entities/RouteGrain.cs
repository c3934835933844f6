using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class RouteGrain(
    [PersistentState(EntityType.Route, "Default")] IPersistentState<EntityState<RouteView>> state,
    TimeProvider clock) : StatusReportingGrain<RouteView>(state, clock), IRouteGrain
{
    public Task<WriteResult<RouteView>> Register(RouteRegistration registration, Actor actor)
    {
        var current = Current;
        if (Refuse(actor, new WriteTarget(EntityType.Route, Operator: registration.Operator, WasOperator: current?.Operator)) is { } refused)
            return Task.FromResult(refused);
        if (current is not null && current.Operator == registration.Operator && current.Name == registration.Name
            && current.Path == registration.Path && current.StopOfficeIds.SequenceEqual(registration.StopOfficeIds)
            && current.DistrictIds.SequenceEqual(registration.DistrictIds))
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));
        var next = new RouteView
        {
            Id = Id, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
            Operator = registration.Operator, Name = registration.Name, Path = registration.Path,
            StopOfficeIds = registration.StopOfficeIds, DistrictIds = registration.DistrictIds,
            Status = current?.Status ?? "running", LastReportAt = current?.LastReportAt,
            // Never reported: as stale as it can be, until its first report.
            Stale = current?.Stale ?? true,
        };
        return Commit(next, current is null ? WriteOutcome.Created : WriteOutcome.Changed);
    }

    protected override RouteView WithReport(RouteView view, string status, DateTimeOffset at) =>
        view with { Status = status, LastReportAt = at, Stale = false };

    protected override RouteView WithDerived(RouteView view, DerivedState derived) => view with { Stale = derived.Stale };
}
