using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class OfficeGrain(
    [PersistentState("office", "Default")] IPersistentState<EntityState<OfficeView>> state,
    TimeProvider clock) : ReportingGrain<OfficeView>(state, clock), IOfficeGrain
{
    public Task<WriteResult<OfficeView>> Register(OfficeRegistration registration, Actor actor)
    {
        var current = Current;
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

    public Task<WriteResult<OfficeView>> Report(StatusReport report, Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        var at = report.At ?? Now;
        if (current.LastReportAt is { } last && at < last)
            return Task.FromResult(Result(WriteOutcome.Outdated, current));
        var next = current with { Status = report.Status, LastReportAt = at, Stale = false };
        if (current.LastReportAt is not null && !current.Stale && current.Status == report.Status)
            return Heartbeat(next);
        return Commit(Stamp(next, actor), WriteOutcome.Changed);
    }

    protected override DerivedState DerivedOf(OfficeView view) => new(view.Stale, UpstreamDown: false);

    protected override OfficeView WithDerived(OfficeView view, DerivedState derived) => view with { Stale = derived.Stale };
}
