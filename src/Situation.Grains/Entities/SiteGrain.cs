using System.Runtime.CompilerServices;
using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

public sealed class SiteGrain(
    [PersistentState(EntityType.Site, "Default")] IPersistentState<EntityState<SiteView>> state,
    TimeProvider clock) : ReportingGrain<SiteView>(state, clock), ISiteGrain
{
    public Task<WriteResult<SiteView>> Register(SiteRegistration registration, Actor actor) => Register(registration, null, actor);

    public async Task<WriteResult<SiteView>> RegisterWithReport(SiteRegistration registration, SiteReport report, Actor actor)
    {
        var result = Current is null
            ? await Register(registration, report, actor)
            : await Register(registration, actor) is { Outcome: WriteOutcome.Forbidden } refused ? refused : await Report(report, actor);
        LetGoAfterLoad();
        return result;
    }

    /// <summary>A registration, and for a new site possibly its first report in the same version.</summary>
    private Task<WriteResult<SiteView>> Register(SiteRegistration registration, SiteReport? firstReport, Actor actor, [CallerMemberName] string action = "")
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
        if (firstReport is not null)
            next = WithReport(next, firstReport, firstReport.At ?? Now);
        return Commit(next, current is null ? WriteOutcome.Created : WriteOutcome.Changed, action);
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

        var next = WithReport(current, report, at);
        // A report ends staleness, so after a stale spell even a repeated state is a change.
        var same = current.LastReportAt is not null && !current.Stale && current.Health == report.Health && current.Power == report.Power
                   && current.BatteryMinutes == report.BatteryMinutes && current.Causes.SequenceEqual(next.Causes);
        if (same)
            return Heartbeat(next with { Causes = current.Causes });
        return Commit(Stamp(next, actor), WriteOutcome.Changed);
    }

    /// <summary>The view with a report taken in: fresh again, its health as reported.</summary>
    private static SiteView WithReport(SiteView view, SiteReport report, DateTimeOffset at) => view with
    {
        Health = report.Health, EffectiveHealth = SiteView.EffectiveOf(report.Health, view.UpstreamDown, stale: false),
        Power = report.Power, BatteryMinutes = report.BatteryMinutes,
        Causes = report.Causes.Distinct().Order(StringComparer.Ordinal).ToArray(), LastReportAt = at, Stale = false,
    };

    protected override DerivedState DerivedOf(SiteView view) => new(view.Stale, view.UpstreamDown);

    protected override SiteView WithDerived(SiteView view, DerivedState derived) => view with
    {
        Stale = derived.Stale, UpstreamDown = derived.UpstreamDown,
        EffectiveHealth = SiteView.EffectiveOf(view.Health, derived.UpstreamDown, derived.Stale),
    };
}
