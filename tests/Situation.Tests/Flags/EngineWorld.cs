using System.Globalization;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Flags;

/// <summary>
/// Hand-built geometry for the flag engine, laid out in metres around the projection's centre so the
/// expected answers are exact: squares and discs are placed in metres and turned into lon/lat.
/// </summary>
public sealed class EngineWorld
{
    public const double CentreLon = 108.0;
    public const double CentreLat = 14.0;
    private const double EarthRadius = 6_371_008.8;

    private readonly Dictionary<string, long> _versions = [];

    public ManualClock Clock { get; } = new(new DateTimeOffset(2021, 1, 28, 8, 0, 0, TimeSpan.Zero));

    public FlagEngine Engine { get; }

    public EngineWorld(FlagSettings? settings = null) =>
        Engine = new FlagEngine(settings ?? new FlagSettings(), Clock, CentreLon, CentreLat);

    /// <summary>The lon/lat of a point given in metres east and north of the centre (inverse of the engine's projection).</summary>
    public static GeoPoint At(double eastMetres, double northMetres)
    {
        var lat = CentreLat + northMetres / EarthRadius * 180 / Math.PI;
        var lon = CentreLon + eastMetres / (EarthRadius * Math.Cos(lat * Math.PI / 180)) * 180 / Math.PI;
        return new GeoPoint(lon, lat);
    }

    private static string Ring(double west, double south, double east, double north)
    {
        var corners = new[] { At(west, south), At(east, south), At(east, north), At(west, north), At(west, south) };
        return "[" + string.Join(",", corners.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.Lon:R},{c.Lat:R}]"))) + "]";
    }

    /// <summary>Squares given as (west, south, side) in metres: one a Polygon, several a MultiPolygon.</summary>
    public static GeoShape Squares(params (double West, double South, double Side)[] squares) => squares.Length == 1
        ? new GeoShape($$"""{"type":"Polygon","coordinates":[{{Ring(squares[0].West, squares[0].South, squares[0].West + squares[0].Side, squares[0].South + squares[0].Side)}}]}""")
        : new GeoShape($$"""{"type":"MultiPolygon","coordinates":[{{string.Join(",", squares.Select(s => "[" + Ring(s.West, s.South, s.West + s.Side, s.South + s.Side) + "]"))}}]}""");

    public static GeoShape Line(params (double East, double North)[] points) =>
        new($$"""{"type":"LineString","coordinates":[{{string.Join(",", points.Select(p => { var c = At(p.East, p.North); return string.Create(CultureInfo.InvariantCulture, $"[{c.Lon:R},{c.Lat:R}]"); }))}}]}""");

    /// <summary>Every view the world sends its engine, for a second engine to take in the same way.</summary>
    public event Action<EntityView>? Emitted;

    private void Emit(EntityView view)
    {
        Engine.Apply(view);
        Emitted?.Invoke(view);
    }

    private long Next(string key) => _versions[key] = _versions.GetValueOrDefault(key) + 1;

    private DateTimeOffset Now => Clock.GetUtcNow();

    public void District(string id, GeoShape boundary) =>
        Emit(new DistrictView { Id = id, Version = Next("d" + id), Name = id, Boundary = boundary });

    public void Zone(string id, GeoShape boundary, string status = "active", string district = "d1") =>
        Emit(new ZoneView { Id = id, Version = Next("z" + id), DistrictId = district, Name = id, Boundary = boundary, Status = status });

    public void Site(string id, double east, double north, string health = "up", int radius = 3000, string kind = "bts",
        string? upstream = null, string power = "grid", int? battery = null, string district = "d1", DateTimeOffset? reportedAt = null)
    {
        var site = new SiteView
        {
            Id = id, Version = Next("s" + id), Operator = "viettel", Kind = kind, Location = At(east, north),
            CoverageRadiusM = kind == "bts" ? radius : null, UpstreamSiteId = upstream, DistrictId = district,
            Health = health, Power = power, BatteryMinutes = battery, LastReportAt = reportedAt ?? Now,
        };
        Emit(site);
    }

    public void Checkpoint(string id, string wifi, string status = "active", DateTimeOffset? reportedAt = null, string district = "d1") =>
        Emit(new CheckpointView
        {
            Id = id, Version = Next("c" + id), DistrictId = district, Name = id, Location = At(0, 0), Status = status, Wifi = wifi,
            LastReportAt = reportedAt ?? Now,
        });

    public void Office(string id, double east, double north, string status = "open", string district = "d1") =>
        Emit(new OfficeView { Id = id, Version = Next("o" + id), Operator = "vnpost", DistrictId = district, Name = id, Location = At(east, north), Status = status, LastReportAt = Now });

    public void Route(string id, GeoShape path, string status = "running", string[]? districts = null) =>
        Emit(new RouteView { Id = id, Version = Next("r" + id), Operator = "vnpost", Name = id, Path = path, Status = status, LastReportAt = Now, DistrictIds = districts ?? ["d1"] });

    public FlagView? Flag(string kind, string type, string id) =>
        Engine.OpenFlags.SingleOrDefault(f => f.Id == FlagView.IdFor(kind, type, id));
}
