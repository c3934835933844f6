using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class SiteGrain(
    [PersistentState(EntityType.Site, "Default")] IPersistentState<EntityState<SiteView>> state,
    TimeProvider clock) : ReportingGrain<SiteView>(state, clock), ISiteGrain
{
    public Task<WriteResult<SiteView>> Register(SiteRegistration registration, Actor actor)
    {
        var current = Current;
        if (Refuse(actor, new WriteTarget(EntityType.Site, Operator: registration.Operator, WasOperator: current?.Operator)) is { } refused)
            return Task.FromResult(refused);
        var radius = registration.CoverageRadiusM
                     ?? (registration.Kind == "bts" ? current?.CoverageRadiusM ?? SiteView.DefaultBtsCoverageRadiusM : null);
        if (current is not null && current.Operator == registration.Operator && current.Kind == registration.Kind
            && current.Name == registration.Name && current.Location == registration.Location
            && current.CoverageRadiusM == radius && current.UpstreamSiteId == registration.UpstreamSiteId
            && current.DistrictId == registration.DistrictId)
            return Task.FromResult(Result(WriteOutcome.Unchanged, current));

        var next = new SiteView
        {
            Id = Id, Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name,
            Operator = registration.Operator, Kind = registration.Kind, Name = registration.Name,
            Location = registration.Location, CoverageRadiusM = radius,
            UpstreamSiteId = registration.UpstreamSiteId, DistrictId = registration.DistrictId,
            // A new site has not reported yet, so its health is not known.
            Health = current?.Health ?? "up",
            EffectiveHealth = current?.EffectiveHealth ?? "unknown",
            Stale = current?.Stale ?? true,
            UpstreamDown = current?.UpstreamDown ?? false,
            Power = current?.Power ?? "grid",
            BatteryMinutes = current?.BatteryMinutes,
            Causes = current?.Causes ?? [],
            LastReportAt = current?.LastReportAt,
        };
        return Commit(next, current is null ? WriteOutcome.Created : WriteOutcome.Changed);
    }

    public Task<WriteResult<SiteView>> Report(SiteReport report, Actor actor)
    {
        if (Current is not { } current)
            return Task.FromResult(NotFound());
        if (Refuse(actor, new WriteTarget(EntityType.Site, Operator: current.Operator)) is { } refused)
            return Task.FromResult(refused);
        var at = report.At ?? Now;
        if (current.LastReportAt is { } last && at < last)
            return Task.FromResult(Result(WriteOutcome.Outdated, current));

        var causes = report.Causes.Distinct().Order(StringComparer.Ordinal).ToArray();
        // A report ends staleness, so after a stale spell even a repeated state is a change.
        var same = current.LastReportAt is not null && !current.Stale && current.Health == report.Health && current.Power == report.Power
                   && current.BatteryMinutes == report.BatteryMinutes && current.Causes.SequenceEqual(causes);
        var next = current with
        {
            Health = report.Health, EffectiveHealth = SiteView.EffectiveOf(report.Health, current.UpstreamDown, stale: false),
            Power = report.Power, BatteryMinutes = report.BatteryMinutes, Causes = causes, LastReportAt = at, Stale = false,
        };
        if (same)
            return Heartbeat(next with { Causes = current.Causes });
        return Commit(Stamp(next, actor), WriteOutcome.Changed);
    }

    protected override DerivedState DerivedOf(SiteView view) => new(view.Stale, view.UpstreamDown);

    protected override SiteView WithDerived(SiteView view, DerivedState derived) => view with
    {
        Stale = derived.Stale, UpstreamDown = derived.UpstreamDown,
        EffectiveHealth = SiteView.EffectiveOf(view.Health, derived.UpstreamDown, derived.Stale),
    };
}
