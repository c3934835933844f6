using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;

namespace Situation.Grains.Flags;

/// <summary>
/// Reporting entities that are not sites (checkpoints, post offices, postal routes): one staleness
/// rule for all, and the flags that follow from their reports.
/// </summary>
public sealed partial class FlagEngine
{
    /// <summary>Stale: no report within the entity type's window (or none ever).</summary>
    private bool Overdue(IReportingView view, TimeSpan window) =>
        view.LastReportAt is not { } last || _clock.GetUtcNow() - last > window;

    private void ApplyCheckpoint(CheckpointView view)
    {
        if (_checkpoints.TryGetValue(view.Id, out var held) && held.View.Version > view.Version)
            return;
        _checkpoints[view.Id] = (view, held.Stale);
        RefreshCheckpoint(view.Id, force: true);
    }

    private void RefreshCheckpoint(string id, bool force = false)
    {
        var (view, wasStale) = _checkpoints[id];
        var stale = Overdue(view, _settings.CheckpointReportWindow);
        if (stale == wasStale && !force)
            return;
        _checkpoints[id] = (view, stale);
        Flag(FlagKind.CheckpointNoWifi, view, view.DistrictId, FlagRules.CheckpointNoWifi(view, stale),
            related: [$"wifi:{view.Wifi}", .. view.WifiOperator is { } op ? new[] { $"operator:{op}" } : []]);
        ReportStaleness(view, view.DistrictId, stale);
    }

    private void ApplyOffice(OfficeView view)
    {
        if (_offices.TryGetValue(view.Id, out var held) && held.View.Version > view.Version)
            return;
        var at = _projection.ProjectPoint(view.Location.Lon, view.Location.Lat);
        if (held.View is null || held.View.Location != view.Location)
        {
            foreach (var area in _areas.Values) area.Offices.Remove(view.Id);
            foreach (var area in _areaIndex.Query(at.EnvelopeInternal))
                if (area.Prepared.Contains(at)) area.Offices.Add(view.Id);
        }
        _offices[view.Id] = (view, at, held.Stale);
        RefreshOffice(view.Id, force: true);
    }

    private void RefreshOffice(string id, bool force = false)
    {
        var (view, at, wasStale) = _offices[id];
        var stale = Overdue(view, _settings.PostalReportWindow);
        if (stale == wasStale && !force)
            return;
        _offices[id] = (view, at, stale);
        ReportStaleness(view, view.DistrictId, stale);
        foreach (var area in _areas.Values.Where(a => a.Offices.Contains(id)))
            _touchedAreas.Add(area);
    }

    private void ApplyRoute(RouteView view)
    {
        if (_routes.TryGetValue(view.Id, out var held) && held.View.Version > view.Version)
            return;
        var path = held.View is not null && held.View.Path == view.Path ? held.Path : _projection.Project(Geo.Read(view.Path));
        if (held.View is null || held.View.Path != view.Path)
        {
            foreach (var area in _areas.Values) area.Routes.Remove(view.Id);
            foreach (var area in _areaIndex.Query(path.EnvelopeInternal))
                if (area.Prepared.Intersects(path)) area.Routes.Add(view.Id);
        }
        _routes[view.Id] = (view, path, held.Stale);
        RefreshRoute(view.Id, force: true);
    }

    private void RefreshRoute(string id, bool force = false)
    {
        var (view, path, wasStale) = _routes[id];
        var stale = Overdue(view, _settings.PostalReportWindow);
        if (stale == wasStale && !force)
            return;
        _routes[id] = (view, path, stale);
        // A route belongs to the first district it passes through.
        ReportStaleness(view, view.DistrictIds.FirstOrDefault(), stale);
        foreach (var area in _areas.Values.Where(a => a.Routes.Contains(id)))
            _touchedAreas.Add(area);
    }

    /// <summary>
    /// Staleness, one rule for every reporting entity but sites (whose staleness joins their
    /// upstream's, <see cref="Reevaluate"/>): the entity is told when what it shows differs, and a
    /// stale_report flag says it.
    /// </summary>
    private void ReportStaleness<TView>(TView view, string? districtId, bool stale) where TView : EntityView, IReportingView
    {
        var key = (view.EntityType, view.Id);
        if (view.Stale != stale && _owns(districtId)) _derived[key] = (new DerivedState(stale, UpstreamDown: false), view.Version);
        else _derived.Remove(key);
        Flag(FlagKind.StaleReport, view, districtId, FlagRules.StaleReport(stale), Since(view.LastReportAt));
    }

    private Dictionary<string, double> Since(DateTimeOffset? lastReportAt) => lastReportAt is { } last
        ? new() { ["minutesSinceReport"] = Math.Round((_clock.GetUtcNow() - last).TotalMinutes, 1) }
        : new() { ["neverReported"] = 1 };
}
