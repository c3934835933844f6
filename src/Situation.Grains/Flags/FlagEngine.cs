using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Quadtree;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

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
    private readonly DiscGrid _discs;
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
        _discs = new DiscGrid(settings.CellSizeMetres);
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

    /// <summary>Raises the flag of a kind on an entity when its rule answered a severity, clears it when the rule answered null.</summary>
    private void Flag(string kind, EntityView subject, string? districtId, string? severity,
        IReadOnlyDictionary<string, double>? detail = null, string[]? related = null) =>
        Flag(kind, new FlagSubject(subject.EntityType, subject.Id), districtId, severity, detail, related);

    private void Flag(string kind, FlagSubject subject, string? districtId, string? severity,
        IReadOnlyDictionary<string, double>? detail = null, string[]? related = null) =>
        _flags.Set(severity is not null, kind, subject, districtId, severity ?? "", detail, related);

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
}
