using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

/// <summary>A post office or postal route: one status report rule for both.</summary>
public abstract class StatusReportingGrain<TView>(IPersistentState<EntityState<TView>> state, TimeProvider clock)
    : ReportingGrain<TView>(state, clock) where TView : EntityView, IStatusView
{
    /// <summary>The view with a reported status at a time, fresh again.</summary>
    protected abstract TView WithReport(TView view, string status, DateTimeOffset at);

    public Task<WriteResult<TView>> Report(StatusReport report, Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        if (Refuse(actor, new WriteTarget(current.EntityType, Operator: current.Operator)) is { } refused)
            return Task.FromResult(refused);
        var at = report.At ?? Now;
        if (current.LastReportAt is { } last && at < last)
            return Task.FromResult(Result(WriteOutcome.Outdated, current));
        var next = WithReport(current, report.Status, at);
        // A report ends staleness, so after a stale spell even a repeated status is a change.
        if (current.LastReportAt is not null && !current.Stale && current.Status == report.Status)
            return Heartbeat(next);
        return Commit(Stamp(next, actor), WriteOutcome.Changed);
    }

    protected override DerivedState DerivedOf(TView view) => new(view.Stale, UpstreamDown: false);
}
