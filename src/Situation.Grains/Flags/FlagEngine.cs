using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Quadtree;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;

namespace Situation.Grains.Flags;

/// <summary>
/// Derives the flags (coverage loss, wifi down, stale reports, upstream outages, power, postal gaps) from the entities' views, incrementally: each view that comes in
/// recomputes only what it can affect — a site's disc touches a few grid cells of the areas it
/// reaches, a site's health reaches its dependents through the upstream graph. Plain C#, no Orleans:
/// the flags grains host it, and tests drive it directly with their own clock.
/// An engine may hold one district's partition (<see cref="FlagPartition"/>): it then also holds the
/// sites around it that its areas need, but raises flags and derives state only for what it owns.
/// </summary>
public sealed partial class FlagEngine
{
    private readonly FlagSettings _settings;
    private readonly TimeProvider _clock;
    private readonly LocalProjection _projection;
    private readonly FlagBook _flags;
    private readonly Func<string?, bool> _owns;

    private readonly Dictionary<(string Type, string Id), Area> _areas = [];
    private readonly Quadtree<Area> _areaIndex = new();
    private readonly Quadtree<Cell> _cellIndex = new();
    private readonly Dictionary<string, SiteModel> _sites = new(StringComparer.Ordinal);
    private readonly Quadtree<SiteModel> _discIndex = new();
    private readonly Dictionary<string, (CheckpointView View, bool Stale)> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OfficeView View, Point At, bool Stale)> _offices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (RouteView View, Geometry Path, bool Stale)> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DistrictView> _districts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZoneView> _zones = new(StringComparer.Ordinal);

    // What the current step touched, settled by Settle().
    private readonly HashSet<Cell> _dirtyNow = [];
    private readonly HashSet<Cell> _dirtyBase = [];
    private readonly HashSet<Area> _touchedAreas = [];
    private readonly HashSet<SiteModel> _touchedSites = [];
    private readonly Dictionary<(string Type, string Id), (DerivedState State, long BasedOn)> _derived = [];

    /// <param name="owns">Whether this engine owns what is in a district (<see cref="FlagPartition.Owns"/>); null: it owns all.</param>
    public FlagEngine(FlagSettings settings, TimeProvider clock, double centreLon, double centreLat, Func<string?, bool>? owns = null)
    {
        _settings = settings;
        _clock = clock;
        _projection = new LocalProjection(centreLon, centreLat);
        _owns = owns ?? (_ => true);
        _flags = new FlagBook(clock, _owns);
    }

    public FlagSettings Settings => _settings;

    public IEnumerable<FlagView> OpenFlags => _flags.Open;

    public void RememberFlags(IEnumerable<FlagView> flags) => _flags.Remember(flags);

    /// <summary>After a load: remembered flags whose condition no longer holds are cleared.</summary>
    public void ForgetUnraisedFlags() => _flags.ForgetUnraised();

    public FlagView? Acknowledge(string flagId, string by) => _flags.Acknowledge(flagId, by);

    /// <summary>Flags raised, changed or cleared since the last call.</summary>
    public IReadOnlyList<FlagChange> DrainFlagChanges() => _flags.Drain();

    /// <summary>Entities whose derived state (stale, upstream down) changed since the last call, to be written back.</summary>
    public IReadOnlyList<(string Type, string Id, DerivedState State, long BasedOn)> DrainDerivedChanges()
    {
        var changes = _derived.Select(e => (e.Key.Type, e.Key.Id, e.Value.State, e.Value.BasedOn)).ToList();
        _derived.Clear();
        return changes;
    }

    /// <summary>Takes in the newest view of an entity; older versions than the one held are ignored.</summary>
    public void Apply(EntityView view)
    {
        Take(view);
        Settle();
    }

    /// <summary>Takes in many views and settles once: how a whole province is loaded.</summary>
    public void ApplyMany(IEnumerable<EntityView> views)
    {
        foreach (var view in views)
            Take(view);
        Settle();
    }

    private void Take(EntityView view)
    {
        switch (view)
        {
            case DistrictView district: ApplyDistrict(district); break;
            case ZoneView zone: ApplyZone(zone); break;
            case SiteView site: ApplySite(site); break;
            case CheckpointView checkpoint: ApplyCheckpoint(checkpoint); break;
            case OfficeView office: ApplyOffice(office); break;
            case RouteView route: ApplyRoute(route); break;
        }
    }

    /// <summary>Re-reads the clock: whatever became overdue since is now stale.</summary>
    public void Tick()
    {
        foreach (var site in _sites.Values)
            Reevaluate(site, []);
        foreach (var id in _checkpoints.Keys.ToList())
            RefreshCheckpoint(id);
        foreach (var id in _offices.Keys.ToList())
            RefreshOffice(id);
        foreach (var id in _routes.Keys.ToList())
            RefreshRoute(id);
        Settle();
    }

    private bool Overdue(DateTimeOffset? lastReportAt, TimeSpan window) =>
        lastReportAt is not { } last || _clock.GetUtcNow() - last > window;

    // ---------------------------------------------------------------- areas

    private void ApplyDistrict(DistrictView district)
    {
        if (_districts.TryGetValue(district.Id, out var held) && held.Version >= district.Version)
            return;
        _districts[district.Id] = district;
        if (held is null || held.Boundary != district.Boundary)
            BuildArea(EntityType.District, district.Id, district.Id, district.Boundary);
    }

    private void ApplyZone(ZoneView zone)
    {
        if (_zones.TryGetValue(zone.Id, out var held) && held.Version >= zone.Version)
            return;
        _zones[zone.Id] = zone;
        // A partition that held a zone before it moved to another district keeps hearing of it,
        // but its area, and so its flags and its share of the power queue, are the new district's.
        if (zone.Status != "active" || !_owns(zone.DistrictId))
            RemoveArea(EntityType.Zone, zone.Id);
        else if (held is null || held.Status != "active" || held.Boundary != zone.Boundary || held.DistrictId != zone.DistrictId)
            BuildArea(EntityType.Zone, zone.Id, zone.DistrictId, zone.Boundary);
    }

    private void BuildArea(string type, string id, string districtId, GeoShape boundary)
    {
        RemoveArea(type, id);
        var shape = _projection.Project(Geo.Read(boundary));
        var area = new Area(type, id, districtId, shape, PreparedGeometryFactory.Prepare(shape));
        var envelope = shape.EnvelopeInternal;
        foreach (var (_, part) in GridCut.Cut(shape, _settings.CellSizeMetres, _projection.Factory))
        {
            var cell = new Cell(area, part);
            area.Cells.Add(cell);
            _cellIndex.Insert(part.EnvelopeInternal, cell);
            foreach (var site in _discIndex.Query(part.EnvelopeInternal))
                if (site.PreparedDisc!.Intersects(part))
                {
                    cell.Discs.Add(site);
                    site.Cells.Add(cell);
                }
            _dirtyBase.Add(cell);
            _dirtyNow.Add(cell);
        }
        _areas[(type, id)] = area;
        _areaIndex.Insert(envelope, area);
        foreach (var (routeId, route) in _routes)
            if (area.Prepared.Intersects(route.Path)) area.Routes.Add(routeId);
        foreach (var (officeId, office) in _offices)
            if (area.Prepared.Contains(office.At)) area.Offices.Add(officeId);
        _touchedAreas.Add(area);
    }

    private void RemoveArea(string type, string id)
    {
        if (!_areas.Remove((type, id), out var area))
            return;
        _areaIndex.Remove(area.Shape.EnvelopeInternal, area);
        foreach (var cell in area.Cells)
        {
            _cellIndex.Remove(cell.Shape.EnvelopeInternal, cell);
            foreach (var site in cell.Discs)
                site.Cells.Remove(cell);
            _dirtyNow.Remove(cell);
            _dirtyBase.Remove(cell);
        }
        _touchedAreas.Remove(area);
        var subject = new FlagSubject(type, id);
        _flags.Clear(FlagKind.ConnectivityGap, subject);
        _flags.Clear(FlagKind.PostalGap, subject);
    }

    // ---------------------------------------------------------------- sites

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

    private void PlaceDisc(SiteModel site)
    {
        if (site.View.Kind != "bts" || site.View.CoverageRadiusM is not > 0)
            return;
        var centre = _projection.ProjectPoint(site.View.Location.Lon, site.View.Location.Lat);
        site.Disc = (Polygon)centre.Buffer(site.View.CoverageRadiusM.Value, _settings.QuadrantSegments);
        site.PreparedDisc = PreparedGeometryFactory.Prepare(site.Disc);
        _discIndex.Insert(site.Disc.EnvelopeInternal, site);
        foreach (var cell in _cellIndex.Query(site.Disc.EnvelopeInternal))
            if (cell.Prepared.Intersects(site.Disc))
            {
                cell.Discs.Add(site);
                site.Cells.Add(cell);
                _dirtyBase.Add(cell);
                _dirtyNow.Add(cell);
            }
    }

    private void RemoveDisc(SiteModel site)
    {
        if (site.Disc is null)
            return;
        _discIndex.Remove(site.Disc.EnvelopeInternal, site);
        foreach (var cell in site.Cells)
        {
            cell.Discs.Remove(site);
            _dirtyBase.Add(cell);
            _dirtyNow.Add(cell);
        }
        site.Cells.Clear();
        site.Disc = null;
        site.PreparedDisc = null;
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
                           && _sites.TryGetValue(up, out var parent) && parent.Effective == "down";
        var stale = Overdue(site.View.LastReportAt, _settings.SiteReportWindow);
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

    // ---------------------------------------------------------------- checkpoints, offices, routes

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
        var stale = Overdue(view.LastReportAt, _settings.CheckpointReportWindow);
        if (stale == wasStale && !force)
            return;
        _checkpoints[id] = (view, stale);
        Derive(EntityType.Checkpoint, view, view.DistrictId, view.Stale, stale);
        var subject = new FlagSubject(EntityType.Checkpoint, id);
        _flags.Set(view.Status == "active" && (view.Wifi != "ok" || stale), FlagKind.CheckpointNoWifi, subject, view.DistrictId, "warning",
            related: [$"wifi:{view.Wifi}", .. view.WifiOperator is { } op ? new[] { $"operator:{op}" } : []]);
        _flags.Set(stale, FlagKind.StaleReport, subject, view.DistrictId, "warning", Since(view.LastReportAt));
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
        var stale = Overdue(view.LastReportAt, _settings.PostalReportWindow);
        if (stale == wasStale && !force)
            return;
        _offices[id] = (view, at, stale);
        Derive(EntityType.Office, view, view.DistrictId, view.Stale, stale);
        _flags.Set(stale, FlagKind.StaleReport, new FlagSubject(EntityType.Office, id), view.DistrictId, "warning", Since(view.LastReportAt));
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
        var stale = Overdue(view.LastReportAt, _settings.PostalReportWindow);
        if (stale == wasStale && !force)
            return;
        _routes[id] = (view, path, stale);
        Derive(EntityType.Route, view, view.DistrictIds.FirstOrDefault(), view.Stale, stale);
        _flags.Set(stale, FlagKind.StaleReport, new FlagSubject(EntityType.Route, id), view.DistrictIds.FirstOrDefault(), "warning", Since(view.LastReportAt));
        foreach (var area in _areas.Values.Where(a => a.Routes.Contains(id)))
            _touchedAreas.Add(area);
    }

    private void Derive(string type, EntityView view, string? districtId, bool shown, bool stale)
    {
        if (shown != stale && _owns(districtId)) _derived[(type, view.Id)] = (new DerivedState(stale, UpstreamDown: false), view.Version);
        else _derived.Remove((type, view.Id));
    }

    private Dictionary<string, double> Since(DateTimeOffset? lastReportAt) => lastReportAt is { } last
        ? new() { ["minutesSinceReport"] = Math.Round((_clock.GetUtcNow() - last).TotalMinutes, 1) }
        : new() { ["neverReported"] = 1 };

    // ---------------------------------------------------------------- settling

    /// <summary>Recomputes the cells the step touched, then the flags of every area and site it touched.</summary>
    private void Settle()
    {
        foreach (var cell in _dirtyBase)
            cell.Base = cell.CoveredBy(cell.Discs);
        foreach (var cell in _dirtyNow)
        {
            // Base is current for every cell here; with all its discs covering, now is the same union.
            cell.Now = cell.Discs.All(d => d.Covers) ? cell.Base : cell.CoveredBy(cell.Discs.Where(d => d.Covers));
            _touchedAreas.Add(cell.Area);
        }
        _dirtyBase.Clear();
        _dirtyNow.Clear();
        foreach (var area in _touchedAreas)
            FlagArea(area);
        _touchedAreas.Clear();
        foreach (var site in _touchedSites)
            FlagSite(site);
        _touchedSites.Clear();
    }

    private void FlagArea(Area area)
    {
        var subject = new FlagSubject(area.Type, area.Id);
        var (now, @base) = (Fraction(area.Now), Fraction(area.Base));
        var gap = ConnectivityGap(now, @base);
        _flags.Set(gap is not null, FlagKind.ConnectivityGap, subject, area.DistrictId, gap ?? "",
            new Dictionary<string, double> { ["now"] = now, ["base"] = @base });

        var served = area.Routes.Count > 0 || area.Offices.Count > 0;
        var routesRunning = area.Routes.Count(r => _routes.TryGetValue(r, out var route) && !route.Stale && route.View.Status is "running" or "delayed");
        var officesOpen = area.Offices.Count(o => _offices.TryGetValue(o, out var office) && !office.Stale && office.View.Status == "open");
        _flags.Set(served && routesRunning == 0 && officesOpen == 0, FlagKind.PostalGap, subject, area.DistrictId,
            area.Type == EntityType.Zone ? "critical" : "warning",
            new Dictionary<string, double> { ["routes"] = area.Routes.Count, ["offices"] = area.Offices.Count });
    }

    /// <summary>
    /// Coverage fractions are sums of polygon areas; rounded to 1e-9 so that a threshold is met or not
    /// the same way whatever order the areas were added in.
    /// </summary>
    private static double Fraction(double value) => Math.Round(value, 9);

    /// <summary>Raised when there was coverage and less than the threshold share of it is left.</summary>
    private string? ConnectivityGap(double now, double @base) =>
        @base > 0 && now < _settings.GapShareOfBase * @base ? (now < _settings.CriticalCoverage ? "critical" : "warning") : null;

    private void FlagSite(SiteModel site)
    {
        var view = site.View;
        var subject = new FlagSubject(EntityType.Site, view.Id);
        // Behind a down upstream a site cannot report either: its root's outage flag says it once.
        _flags.Set(site.Stale && !site.UpstreamDown, FlagKind.StaleReport, subject, view.DistrictId, "warning", Since(view.LastReportAt));
        _flags.Set(site.Covers && view.Power == "battery" && view.BatteryMinutes <= _settings.PowerCriticalMinutes,
            FlagKind.PowerCritical, subject, view.DistrictId, "critical",
            new Dictionary<string, double> { ["batteryMinutes"] = view.BatteryMinutes ?? 0 });

        var cutOff = site.Effective == "down" && !site.UpstreamDown ? CutOffBehind(site) : [];
        _flags.Set(cutOff.Count > 0, FlagKind.UpstreamOutage, subject, view.DistrictId, "critical",
            new Dictionary<string, double> { ["dependents"] = cutOff.Count, ["bts"] = cutOff.Count(s => s.View.Kind == "bts") },
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
