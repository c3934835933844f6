using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using static Situation.Contracts.Model.Words;

namespace Situation.Grains.Flags;

/// <summary>
/// The upstream graph: which site each site depends on, what a site's effective health is given
/// its upstream's, and what an outage cuts off behind it.
/// </summary>
public sealed partial class FlagEngine
{
    private void ApplySite(SiteView view)
    {
        if (!_sites.TryGetValue(view.Id, out var site))
        {
            site = new SiteModel(view);
            _sites[view.Id] = site;
            PlaceDisc(site);
            Link(site, previousUpstream: null);
        }
        else
        {
            if (site.View.Version > view.Version)
                return;
            var previous = site.View;
            site.View = view;
            if (previous.Location != view.Location || previous.CoverageRadiusM != view.CoverageRadiusM || previous.Kind != view.Kind)
            {
                RemoveDisc(site);
                PlaceDisc(site);
            }
            if (previous.UpstreamSiteId != view.UpstreamSiteId)
                Link(site, previous.UpstreamSiteId);
        }
        Reevaluate(site, []);
        _touchedSites.Add(site);
    }

    private void Link(SiteModel site, string? previousUpstream)
    {
        if (previousUpstream is not null)
        {
            if (_sites.TryGetValue(previousUpstream, out var before))
            {
                before.Dependents.Remove(site.View.Id);
                _touchedSites.Add(before);
                TouchAncestors(before);
            }
            else if (_pendingDependents.TryGetValue(previousUpstream, out var orphans))
                orphans.Remove(site.View.Id);
        }
        if (site.View.UpstreamSiteId is { } upstream)
        {
            // The upstream may register later; its dependents wait for it under its id.
            if (!_sites.TryGetValue(upstream, out var parent))
                _pendingDependents.TryAdd(upstream, new HashSet<string>(StringComparer.Ordinal));
            if (parent is not null) parent.Dependents.Add(site.View.Id);
            else _pendingDependents[upstream].Add(site.View.Id);
        }
        if (_pendingDependents.Remove(site.View.Id, out var waiting))
            foreach (var dependent in waiting)
            {
                site.Dependents.Add(dependent);
                if (_sites.TryGetValue(dependent, out var child)) Reevaluate(child, []);
            }
    }

    private readonly Dictionary<string, HashSet<string>> _pendingDependents = new(StringComparer.Ordinal);

    /// <summary>
    /// Recomputes what is derived about a site (stale, upstream down, effective health) and carries a
    /// change on down the upstream graph; a site seen twice on one path is a cycle and stops there.
    /// </summary>
    private void Reevaluate(SiteModel site, HashSet<string> path)
    {
        if (!path.Add(site.View.Id))
            return;
        var upstreamDown = site.View.UpstreamSiteId is { } up && up != site.View.Id
                           && _sites.TryGetValue(up, out var parent) && parent.Effective == Health.Down;
        var stale = Overdue(site.View, _settings.SiteReportWindow);
        var effective = SiteView.EffectiveOf(site.View.Health, upstreamDown, stale);
        var changed = effective != site.Effective;
        if (stale != site.Stale || upstreamDown != site.UpstreamDown || changed)
        {
            site.Stale = stale;
            site.UpstreamDown = upstreamDown;
            site.Effective = effective;
            _touchedSites.Add(site);
            TouchAncestors(site);
        }
        if (_owns(site.View.DistrictId) && (site.View.Stale != stale || site.View.UpstreamDown != upstreamDown))
            _derived[(EntityType.Site, site.View.Id)] = (new DerivedState(stale, upstreamDown), site.View.Version);
        else
            _derived.Remove((EntityType.Site, site.View.Id));
        if (changed)
        {
            foreach (var cell in site.Cells)
                _dirtyNow.Add(cell);
            foreach (var dependent in site.Dependents)
                if (_sites.TryGetValue(dependent, out var child))
                    Reevaluate(child, path);
        }
        path.Remove(site.View.Id);
    }

    /// <summary>An outage flag on a root counts the sites behind it, so changes below touch the sites above.</summary>
    private void TouchAncestors(SiteModel site)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var at = site; at.View.UpstreamSiteId is { } up && seen.Add(up) && _sites.TryGetValue(up, out var parent); at = parent)
            _touchedSites.Add(parent);
    }

    private void FlagSite(SiteModel site)
    {
        var view = site.View;
        Flag(FlagKind.StaleReport, view, view.DistrictId, FlagRules.StaleReport(site.Stale, site.UpstreamDown), Since(view.LastReportAt));
        Flag(FlagKind.PowerCritical, view, view.DistrictId, FlagRules.PowerCritical(view, site.Covers, _settings),
            new Dictionary<string, double> { ["batteryMinutes"] = view.BatteryMinutes ?? 0 });

        var cutOff = site.Effective == Health.Down && !site.UpstreamDown ? CutOffBehind(site) : [];
        Flag(FlagKind.UpstreamOutage, view, view.DistrictId, FlagRules.UpstreamOutage(cutOff.Count),
            new Dictionary<string, double> { ["dependents"] = cutOff.Count, ["bts"] = cutOff.Count(s => s.View.Kind == SiteKind.Bts) },
            cutOff.Select(s => s.View.Id).Order(StringComparer.Ordinal).Take(100).ToArray());
    }

    /// <summary>Every site down only because this one is.</summary>
    private List<SiteModel> CutOffBehind(SiteModel root)
    {
        var found = new List<SiteModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.View.Id };
        var queue = new Queue<SiteModel>([root]);
        while (queue.TryDequeue(out var at))
            foreach (var id in at.Dependents)
                if (seen.Add(id) && _sites.TryGetValue(id, out var child) && child.UpstreamDown)
                {
                    found.Add(child);
                    queue.Enqueue(child);
                }
        return found;
    }
}
