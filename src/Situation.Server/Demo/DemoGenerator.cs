using Situation.Grains.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Geography;

namespace Situation.Server.Demo;

/// <summary>
/// Builds the demo province deterministically from a seed: real or schematic districts, then
/// synthetic but plausible infrastructure — base stations weighted by population and area, placed in
/// district towns, along roads and across the countryside; exchanges and NOCs as their upstreams;
/// checkpoints at the provincial borders and district crossings; post offices in every district town;
/// postal routes out of Pleiku along the national roads.
/// </summary>
public sealed class DemoGenerator(GeoPack? pack, int seed = DemoGenerator.DefaultSeed, int btsCount = DemoGenerator.DefaultBtsCount)
{
    public const int DefaultSeed = 2021;
    public const int DefaultBtsCount = 1500;
    private const string Capital = "622";

    private readonly Random _random = new(seed);

    public DemoProvince Generate()
    {
        var areas = DistrictAreas();
        var districts = ProvinceFacts.Districts.Select(f => new DemoProvince.Entry<DistrictRegistration>(
            f.Code, new DistrictRegistration(f.Name, f.FullName, f.Population, Geo.ToShape(areas[f.Code]), pack is null))).ToList();
        var prepared = areas.ToDictionary(a => a.Key, a => PreparedGeometryFactory.Prepare(a.Value));
        var geography = new ProvinceGeography();
        geography.Load(districts.Select(d => new DistrictView
        {
            Id = d.Id, Name = d.Value.Name, Boundary = d.Value.Boundary,
        }));

        var sites = Sites(prepared, geography);
        var checkpoints = Checkpoints(geography);
        var offices = Offices(geography);
        var routes = Routes(geography, offices);
        return new DemoProvince(pack is null, districts, sites, checkpoints, offices, routes);
    }

    private Dictionary<string, Geometry> DistrictAreas()
    {
        if (pack is null)
            return SchematicGeography.Build(ProvinceFacts.Districts).ToDictionary();
        return pack.Districts.ToDictionary(d => d.Code, d => d.Boundary, StringComparer.Ordinal);
    }

    private List<DemoProvince.Entry<SiteRegistration>> Sites(Dictionary<string, IPreparedGeometry> areas, ProvinceGeography geography)
    {
        var sites = new List<DemoProvince.Entry<SiteRegistration>>();
        var capitalTown = Town(Capital);
        foreach (var op in ProvinceFacts.TelecomOperators)
            sites.Add(new($"{op}-noc", new SiteRegistration(op, "noc", $"NOC {op}", Near(capitalTown, 0.01, areas[Capital]), null, null, Capital)));

        foreach (var fact in ProvinceFacts.Districts)
            foreach (var op in ProvinceFacts.TelecomOperators)
                sites.Add(new($"{op}-ex-{fact.Code}", new SiteRegistration(op, "exchange", $"{op} {fact.Name}",
                    Near(Town(fact.Code), 0.008, areas[fact.Code]), null, $"{op}-noc", fact.Code)));

        var counts = Allocate(btsCount, ProvinceFacts.Districts.Select(f =>
            0.6 * f.Population / ProvinceFacts.Districts.Sum(d => (double)d.Population)
            + 0.4 * areas[f.Code].Geometry.Area / areas.Values.Sum(a => a.Geometry.Area)).ToArray());
        for (var d = 0; d < ProvinceFacts.Districts.Count; d++)
        {
            var fact = ProvinceFacts.Districts[d];
            var area = areas[fact.Code];
            var roads = pack?.Roads.Select(r => r.Path).Where(area.Intersects).ToList() ?? [];
            for (var n = 1; n <= counts[d]; n++)
            {
                var op = PickOperator();
                var roll = _random.NextDouble();
                var (location, radius) = roll < 0.35 ? (Near(Town(fact.Code), 0.025, area), 2000)
                    : roll < 0.65 && roads.Count > 0 ? (AlongRoad(roads, area), 3000)
                    : (Anywhere(area), 4000);
                var district = geography.DistrictAt(location) ?? fact.Code;
                sites.Add(new($"bts-{fact.Code}-{n:0000}", new SiteRegistration(op, "bts", null, location, radius,
                    $"{op}-ex-{fact.Code}", district)));
            }
        }
        return sites;
    }

    private List<DemoProvince.Entry<CheckpointDefinition>> Checkpoints(ProvinceGeography geography)
    {
        var checkpoints = new List<DemoProvince.Entry<CheckpointDefinition>>();
        foreach (var fact in ProvinceFacts.ProvincialCheckpoints)
        {
            var location = new GeoPoint(fact.Lon, fact.Lat);
            checkpoints.Add(new(fact.Id, new CheckpointDefinition(geography.DistrictAt(location)!,
                $"Chốt kiểm soát {fact.Road} ({fact.DistrictName})", fact.Road, location, "active", "ok", PickOperator())));
        }

        // District checkpoints where national roads cross district borders, or at each town without the pack.
        var places = pack?.Crossings.Where(c => c.Kind == "district_border_crossing")
                         .Select(c => (c.Road, new GeoPoint(Math.Round(c.Location.X, 6), Math.Round(c.Location.Y, 6))))
                         .Distinct().ToList()
                     ?? ProvinceFacts.Districts.Select(f => ("", new GeoPoint(f.TownLon + 0.02, f.TownLat + 0.02))).ToList();
        var perDistrict = new Dictionary<string, int>();
        foreach (var (road, location) in places)
        {
            var district = geography.DistrictAt(location)!;
            var n = perDistrict[district] = perDistrict.GetValueOrDefault(district) + 1;
            var wifi = _random.NextDouble() < 0.8 ? "ok" : "none";
            checkpoints.Add(new($"cp-{district}-{n}", new CheckpointDefinition(district,
                road.Length > 0 ? $"Chốt {road} số {n}" : $"Chốt kiểm soát số {n}", road.Length > 0 ? road : null,
                location, "active", wifi, wifi == "ok" ? PickOperator() : null)));
        }
        return checkpoints;
    }

    private List<DemoProvince.Entry<OfficeRegistration>> Offices(ProvinceGeography geography)
    {
        var offices = new List<DemoProvince.Entry<OfficeRegistration>>();
        foreach (var fact in ProvinceFacts.Districts)
            foreach (var op in ProvinceFacts.PostalOperators)
            {
                var location = Jitter(Town(fact.Code), 0.004);
                var name = op == "vnpost" ? $"Bưu điện {fact.FullName}" : $"Bưu cục Viettel Post {fact.Name}";
                offices.Add(new($"{op}-{fact.Code}", new OfficeRegistration(op, geography.DistrictAt(location) ?? fact.Code, name, location)));
            }
        return offices;
    }

    private List<DemoProvince.Entry<RouteRegistration>> Routes(ProvinceGeography geography, List<DemoProvince.Entry<OfficeRegistration>> offices)
    {
        var routes = new List<DemoProvince.Entry<RouteRegistration>>();
        string[] StopsIn(string[] districts) =>
            offices.Where(o => o.Value.Operator == "vnpost" && districts.Contains(o.Value.DistrictId)).Select(o => o.Id).ToArray();

        foreach (var road in pack?.Roads ?? [])
        {
            var districts = geography.DistrictsAlong(road.Path);
            routes.Add(new($"vnpost-{road.Id.Replace('_', '-')}", new RouteRegistration("vnpost", $"Tuyến {road.Name}",
                Geo.ToShape(road.Path), StopsIn(districts), districts)));
        }
        // Feeder lines from Pleiku to every district town that no road route serves.
        var served = routes.SelectMany(r => r.Value.DistrictIds).ToHashSet();
        var capital = Town(Capital);
        foreach (var fact in ProvinceFacts.Districts.Where(f => f.Code != Capital && !served.Contains(f.Code)))
        {
            var line = Geo.Factory.CreateLineString([new Coordinate(capital.Lon, capital.Lat), new Coordinate(fact.TownLon, fact.TownLat)]);
            var districts = geography.DistrictsAlong(line);
            routes.Add(new($"vnpost-feeder-{fact.Code}", new RouteRegistration("vnpost", $"Tuyến Pleiku – {fact.Name}",
                Geo.ToShape(line), StopsIn(districts), districts)));
        }
        return routes;
    }

    private static GeoPoint Town(string code)
    {
        var fact = ProvinceFacts.Districts.First(f => f.Code == code);
        return new GeoPoint(fact.TownLon, fact.TownLat);
    }

    private string PickOperator()
    {
        var roll = _random.NextDouble();
        for (var i = 0; i < ProvinceFacts.TelecomOperators.Count; i++)
        {
            roll -= ProvinceFacts.TelecomShares[i];
            if (roll < 0) return ProvinceFacts.TelecomOperators[i];
        }
        return ProvinceFacts.TelecomOperators[^1];
    }

    /// <summary>Largest-remainder split of a total by weights, so the counts always add up exactly.</summary>
    private static int[] Allocate(int total, double[] weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - counts[i]).Take(total - counts.Sum()))
            counts[i]++;
        return counts;
    }

    private GeoPoint Near(GeoPoint centre, double spread, IPreparedGeometry area)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Jitter(centre, spread);
            if (area.Contains(Geo.ToPoint(candidate)))
                return candidate;
        }
        return Anywhere(area);
    }

    private GeoPoint AlongRoad(List<LineString> roads, IPreparedGeometry area)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var road = roads[_random.Next(roads.Count)];
            var coordinates = road.Coordinates;
            var i = _random.Next(coordinates.Length - 1);
            var t = _random.NextDouble();
            var onRoad = new GeoPoint(coordinates[i].X + t * (coordinates[i + 1].X - coordinates[i].X),
                coordinates[i].Y + t * (coordinates[i + 1].Y - coordinates[i].Y));
            var candidate = Jitter(onRoad, 0.006);
            if (area.Contains(Geo.ToPoint(candidate)))
                return candidate;
        }
        return Anywhere(area);
    }

    private GeoPoint Anywhere(IPreparedGeometry area)
    {
        var envelope = area.Geometry.EnvelopeInternal;
        while (true)
        {
            var candidate = Round(new GeoPoint(envelope.MinX + _random.NextDouble() * envelope.Width,
                envelope.MinY + _random.NextDouble() * envelope.Height));
            if (area.Contains(Geo.ToPoint(candidate)))
                return candidate;
        }
    }

    /// <summary>A normally distributed offset (Box–Muller), rounded to about 0.1 m.</summary>
    private GeoPoint Jitter(GeoPoint centre, double spread)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble()));
        var angle = 2 * Math.PI * _random.NextDouble();
        return Round(new GeoPoint(centre.Lon + spread * radius * Math.Cos(angle), centre.Lat + spread * radius * Math.Sin(angle)));
    }

    private static GeoPoint Round(GeoPoint p) => new(Math.Round(p.Lon, 6), Math.Round(p.Lat, 6));
}
