using Situation.Grains.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Server.Geography;

/// <summary>
/// The districts of the province as prepared geometries in a spatial index, built once from the
/// district grains at start-up (and again when geography changes); queries are thread-safe.
/// Answers which district a point lies in and whether input lies within the province.
/// </summary>
public sealed class ProvinceGeography
{
    /// <summary>Input may lie this far (degrees, about 11 km) outside the districts' bounding box.</summary>
    public const double BoundsMargin = 0.1;

    private volatile Snapshot _current = new([], new STRtree<District>(), null);

    public bool IsLoaded => _current.Districts.Count > 0;

    public IReadOnlyCollection<string> DistrictIds => _current.Ids;

    public void Load(IEnumerable<DistrictView> districts)
    {
        var list = districts.Select(d => new District(d.Id, d.Name, PreparedGeometryFactory.Prepare(Geo.Read(d.Boundary)))).ToList();
        var tree = new STRtree<District>();
        Envelope? bounds = null;
        foreach (var district in list)
        {
            var envelope = district.Area.Geometry.EnvelopeInternal;
            tree.Insert(envelope, district);
            bounds ??= new Envelope(envelope);
            bounds.ExpandToInclude(envelope);
        }
        tree.Build();
        bounds?.ExpandBy(BoundsMargin);
        _current = new Snapshot(list, tree, bounds);
    }

    public bool HasDistrict(string id) => _current.Ids.Contains(id);

    public string NameOf(string id) => _current.Districts.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    /// <summary>True when the point is within the province's bounding box and its margin.</summary>
    public bool Contains(double lon, double lat) => _current.Bounds is not { } b || b.Contains(lon, lat);

    public bool Contains(Geometry geometry) => _current.Bounds is not { } b || b.Contains(geometry.EnvelopeInternal);

    /// <summary>The district a point lies in, or the nearest one for a point just outside every district.</summary>
    public string? DistrictAt(GeoPoint location)
    {
        var snapshot = _current;
        var point = Geo.ToPoint(location);
        foreach (var candidate in snapshot.Tree.Query(point.EnvelopeInternal))
            if (candidate.Area.Contains(point))
                return candidate.Id;
        return snapshot.Districts.MinBy(d => d.Area.Geometry.Distance(point))?.Id;
    }

    /// <summary>
    /// How far (degrees, about 220 m) a point or a shape may stray over its district's border and
    /// still count as in it: boundaries are drawn by hand, on maps of different scales.
    /// </summary>
    public const double BorderTolerance = 0.002;

    /// <summary>Whether a point lies in the district, or within the border tolerance of it.</summary>
    public bool IsIn(string districtId, GeoPoint location)
    {
        var district = _current.Districts.FirstOrDefault(d => d.Id == districtId);
        var point = Geo.ToPoint(location);
        return district is not null && (district.Area.Contains(point) || district.Area.Geometry.IsWithinDistance(point, BorderTolerance));
    }

    /// <summary>Whether a shape lies within the district, allowing the border tolerance.</summary>
    public bool Holds(string districtId, Geometry shape)
    {
        var district = _current.Districts.FirstOrDefault(d => d.Id == districtId);
        return district is not null && district.Area.Geometry.Buffer(BorderTolerance).Covers(shape);
    }

    /// <summary>The districts a line passes through, in a stable order.</summary>
    public string[] DistrictsAlong(Geometry line)
    {
        var snapshot = _current;
        return snapshot.Tree.Query(line.EnvelopeInternal)
            .Where(d => d.Area.Intersects(line))
            .Select(d => d.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private sealed record District(string Id, string Name, IPreparedGeometry Area);

    private sealed class Snapshot(List<District> districts, STRtree<District> tree, Envelope? bounds)
    {
        public List<District> Districts { get; } = districts;
        public HashSet<string> Ids { get; } = districts.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        public STRtree<District> Tree { get; } = tree;
        public Envelope? Bounds { get; } = bounds;
    }
}
