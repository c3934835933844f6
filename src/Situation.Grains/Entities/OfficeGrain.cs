using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class OfficeGrain(
    [PersistentState(EntityType.Office, "Default")] IPersistentState<EntityState<OfficeView>> state,
    TimeProvider clock) : StatusReportingGrain<OfficeView>(state, clock), IOfficeGrain
{
    public Task<WriteResult<OfficeView>> Register(OfficeRegistration registration, Actor actor)
    {
        var current = Current;
        if (Refuse(actor, new WriteTarget(EntityType.Office, Operator: registration.Operator, WasOperator: current?.Operator)) is { } refused)
            return Task.FromResult(refused);
        if (current is not null && current.Operator == registration.Operator && current.DistrictId == registration.DistrictId
            && current.Name == registration.Name && current.Location == registration.Location)
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));
        var next = new OfficeView
        {
            Id = Id, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
            Operator = registration.Operator, DistrictId = registration.DistrictId, Name = registration.Name,
            Location = registration.Location, Status = current?.Status ?? "open", LastReportAt = current?.LastReportAt,
            // Never reported: as stale as it can be, until its first report.
            Stale = current?.Stale ?? true,
        };
        return Commit(next, current is null ? WriteOutcome.Created : WriteOutcome.Changed);
    }

    protected override OfficeView WithReport(OfficeView view, string status, DateTimeOffset at) =>
        view with { Status = status, LastReportAt = at, Stale = false };

    protected override OfficeView WithDerived(OfficeView view, DerivedState derived) => view with { Stale = derived.Stale };
}
