using NetTopologySuite.Geometries;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;

namespace Situation.Grains.Flags;

/// <summary>
/// Decides which district partitions of the flag engine must see each view, so that every partition
/// computes its own flags exactly as one engine over the whole province would:
/// <list type="bullet">
/// <item>an entity goes to the partition that owns it (<see cref="FlagPartition"/>);</item>
/// <item>a site, post office or route also goes to every partition whose areas (its district and
/// its zones) its disc, point or path may reach — the halo;</item>
/// <item>a site's upstream chain goes wherever the site goes, since its health follows from it;</item>
/// <item>everything behind a site goes to the site's own partition, which counts what an outage
/// there cuts off.</item>
/// </list>
/// Once a partition holds an entity it keeps receiving it, even when the reason is gone: an extra
/// entity changes no partition's answer, a stale copy of one would. Plain C#, no Orleans.
/// </summary>
public sealed class FlagRouting(FlagPartition partitioning, double centreLon, double centreLat)
{
    private readonly LocalProjection _projection = new(centreLon, centreLat);

    /// <summary>Per partition, the box of every area it has held: its district and its zones.</summary>
    private readonly Dictionary<string, Envelope> _reach = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Type, string Id), Routed> _entities = [];

    /// <summary>The sites behind each upstream id, also for an upstream not seen yet.</summary>
    private readonly Dictionary<string, HashSet<string>> _behind = new(StringComparer.Ordinal);

    /// <summary>What each partition is to receive next, the newest view of each entity.</summary>
    private readonly Dictionary<string, Dictionary<(string Type, string Id), EntityView>> _outbox = new(StringComparer.Ordinal);

    private readonly HashSet<string> _partitions = new(StringComparer.Ordinal);

    public double CentreLon => centreLon;
    public double CentreLat => centreLat;

    /// <summary>Every partition that has been sent anything.</summary>
    public IReadOnlyCollection<string> Partitions => _partitions;

    /// <summary>Every view held: the newest of each entity.</summary>
    public IEnumerable<EntityView> Views => _entities.Values.Select(e => e.View);

    /// <summary>What a partition holds: every view routed to it so far.</summary>
    public List<EntityView> ViewsOf(string partition) =>
        [.. _entities.Values.Where(e => e.Partitions.Contains(partition)).Select(e => e.View)];

    /// <summary>The views to send since the last drain, per partition.</summary>
    public Dictionary<string, EntityView[]> Drain()
    {
        var sends = _outbox.ToDictionary(p => p.Key, p => p.Value.Values.ToArray(), StringComparer.Ordinal);
        _outbox.Clear();
        return sends;
    }

    /// <summary>Takes in the newest view of an entity and marks it for every partition that needs it.</summary>
    public void Route(EntityView view)
    {
        var key = (view.EntityType, view.Id);
        var isNew = !_entities.TryGetValue(key, out var entity);
        if (entity is not null && entity.View.Version > view.Version)
            return;
        var before = entity?.View;
        entity ??= _entities[key] = new Routed(view);
        entity.View = view;
        var owner = partitioning.Of(OwnerDistrict(view));
        switch (view)
        {
            case DistrictView district:
                Send(entity, owner);
                GrowReach(owner, Footprint(district.Boundary));
                break;
            case ZoneView zone:
                Send(entity, owner);
                GrowReach(owner, Footprint(zone.Boundary));
                break;
            case SiteView site:
                RouteSite(entity, site, (SiteView?)before, isNew, owner);
                break;
            case CheckpointView:
                Send(entity, owner);
                break;
            case OfficeView or RouteView:
                entity.Footprint = before is null || Moved(before, view) ? Footprint(view) : entity.Footprint;
                Send(entity, owner);
                if (view is RouteView route)
                    foreach (var district in route.DistrictIds)
                        Send(entity, partitioning.Of(district));
                SendToReach(entity);
                break;
        }
        foreach (var partition in entity.Partitions)
            Queue(partition, entity.View);
    }

    // A province-wide entity (a route) belongs to the first district it passes through.
    private static string? OwnerDistrict(EntityView view) => view.ScopeDistrictIds.FirstOrDefault();

    // ---------------------------------------------------------------- sites and the upstream graph

    private void RouteSite(Routed entity, SiteView site, SiteView? before, bool isNew, string owner)
    {
        if (before is null || before.Location != site.Location || before.CoverageRadiusM != site.CoverageRadiusM || before.Kind != site.Kind)
            entity.Footprint = Footprint(site);
        if (before?.UpstreamSiteId != site.UpstreamSiteId)
        {
            if (before?.UpstreamSiteId is { } previous && _behind.TryGetValue(previous, out var siblings))
                siblings.Remove(site.Id);
            if (site.UpstreamSiteId is { } upstream)
            {
                if (!_behind.TryGetValue(upstream, out var behind))
                    _behind[upstream] = behind = new HashSet<string>(StringComparer.Ordinal);
                behind.Add(site.Id);
            }
        }
        SendDown(entity, owner);
        SendToReach(entity);
        if (Parent(site) is { } parent)
            Join(entity, parent);
        if (isNew && _behind.TryGetValue(site.Id, out var waiting))
            foreach (var childId in waiting.ToList())
                if (_entities.TryGetValue((EntityType.Site, childId), out var child))
                    Join(child, entity);
    }

    /// <summary>A site under its upstream: the upstream goes where the site goes, the site where the upstream's owners are.</summary>
    private void Join(Routed child, Routed parent)
    {
        foreach (var partition in child.Partitions.ToList())
            Send(parent, partition);
        foreach (var partition in parent.Owners.ToList())
            SendDown(child, partition);
    }

    private Routed? Parent(SiteView site) =>
        site.UpstreamSiteId is { } up && _entities.TryGetValue((EntityType.Site, up), out var parent) ? parent : null;

    /// <summary>A site and everything behind it go to a partition that owns it or one of its upstreams.</summary>
    private void SendDown(Routed site, string partition)
    {
        if (site.Owners.Contains(partition))
            return;
        site.Owners.Add(partition);
        Send(site, partition);
        if (_behind.TryGetValue(site.View.Id, out var children))
            foreach (var childId in children.ToList())
                if (_entities.TryGetValue((EntityType.Site, childId), out var child))
                    SendDown(child, partition);
    }

    /// <summary>Marks an entity for a partition; a site's upstream chain follows it there.</summary>
    private void Send(Routed entity, string partition)
    {
        if (entity.Partitions.Contains(partition))
            return;
        entity.Partitions.Add(partition);
        _partitions.Add(partition);
        Queue(partition, entity.View);
        if (entity.View is SiteView site && Parent(site) is { } parent)
            Send(parent, partition);
    }

    private void Queue(string partition, EntityView view)
    {
        if (!_outbox.TryGetValue(partition, out var views))
            _outbox[partition] = views = [];
        views[(view.EntityType, view.Id)] = view;
    }

    // ---------------------------------------------------------------- the halo

    private void SendToReach(Routed entity)
    {
        if (entity.Footprint is not { } footprint)
            return;
        foreach (var (partition, reach) in _reach)
            if (reach.Intersects(footprint))
                Send(entity, partition);
    }

    /// <summary>A partition's areas reach further: what lies in the new reach goes there too.</summary>
    private void GrowReach(string partition, Envelope footprint)
    {
        if (!_reach.TryGetValue(partition, out var reach))
            _reach[partition] = reach = new Envelope();
        if (reach.Contains(footprint))
            return;
        reach.ExpandToInclude(footprint);
        foreach (var entity in _entities.Values)
            if (entity.Footprint is { } reaching && reach.Intersects(reaching))
                Send(entity, partition);
    }

    private static bool Moved(EntityView before, EntityView now) => (before, now) switch
    {
        (OfficeView a, OfficeView b) => a.Location != b.Location,
        (RouteView a, RouteView b) => a.Path != b.Path,
        _ => true,
    };

    /// <summary>The box, in the engine's metres, that an entity can touch areas in; null when it touches none.</summary>
    private Envelope? Footprint(EntityView view)
    {
        switch (view)
        {
            case SiteView { Kind: "bts", CoverageRadiusM: > 0 } site:
                var centre = _projection.Project(site.Location.Lon, site.Location.Lat);
                // A metre more than the disc: its polygon's corners lie on the circle, give or take rounding.
                var radius = site.CoverageRadiusM.Value + 1.0;
                return new Envelope(centre.X - radius, centre.X + radius, centre.Y - radius, centre.Y + radius);
            case OfficeView office:
                return new Envelope(_projection.Project(office.Location.Lon, office.Location.Lat));
            case RouteView route:
                return Footprint(route.Path);
            default:
                return null;
        }
    }

    private Envelope Footprint(GeoShape shape) => _projection.Project(Geo.Read(shape)).EnvelopeInternal;

    private sealed class Routed(EntityView view)
    {
        public EntityView View { get; set; } = view;

        /// <summary>Partitions that hold it: a handful at most, so a list.</summary>
        public List<string> Partitions { get; } = [];

        /// <summary>For a site: the partitions of itself and its upstreams, which count what is behind them.</summary>
        public List<string> Owners { get; } = [];

        public Envelope? Footprint { get; set; }
    }
}
