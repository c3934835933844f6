using System.Globalization;
using NetTopologySuite.Geometries;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Grains.Spatial;
using Situation.Server.Demo;

namespace Situation.Benchmarks;

/// <summary>A province as the flag engine sees it: the demo generator's output turned into views, plus zones.</summary>
public static class BenchmarkProvince
{
    public static List<EntityView> Build(int sites, int zones)
    {
        var geoDir = Environment.GetEnvironmentVariable("SITUATION_GEODIR") ?? FindGeoDir();
        var demo = new DemoGenerator(GeoPack.TryLoad(geoDir), btsCount: sites).Generate();
        var at = DateTimeOffset.UtcNow;
        var views = new List<EntityView>();
        views.AddRange(demo.Districts.Select(d => new DistrictView { Id = d.Id, Version = 1, Name = d.Value.Name, Boundary = d.Value.Boundary }));
        views.AddRange(demo.Sites.Select(s => new SiteView
        {
            Id = s.Id, Version = 2, Operator = s.Value.Operator, Kind = s.Value.Kind, Location = s.Value.Location,
            CoverageRadiusM = s.Value.Kind == "bts" ? s.Value.CoverageRadiusM ?? SiteView.DefaultBtsCoverageRadiusM : null,
            UpstreamSiteId = s.Value.UpstreamSiteId, DistrictId = s.Value.DistrictId, Health = "up", EffectiveHealth = "up",
            LastReportAt = at, Stale = false,
        }));
        // Zones: 1 km squares around district towns and along the country, deterministic.
        var random = new Random(7);
        var bts = demo.Sites.Where(s => s.Value.Kind == "bts").ToArray();
        for (var i = 0; i < zones; i++)
        {
            var centre = bts[random.Next(bts.Length)].Value;
            var (lon, lat) = (centre.Location.Lon + (random.NextDouble() - 0.5) * 0.01, centre.Location.Lat + (random.NextDouble() - 0.5) * 0.01);
            var ring = string.Create(CultureInfo.InvariantCulture,
                $"[[{lon - 0.0046},{lat - 0.0045}],[{lon + 0.0046},{lat - 0.0045}],[{lon + 0.0046},{lat + 0.0045}],[{lon - 0.0046},{lat + 0.0045}],[{lon - 0.0046},{lat - 0.0045}]]");
            views.Add(new ZoneView
            {
                Id = $"zone-{i:0000}", Version = 1, DistrictId = centre.DistrictId, Name = $"zone {i}",
                Boundary = new GeoShape($"{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}"), Status = "active",
            });
        }
        return views;
    }

    public static FlagEngine NewEngine(List<EntityView> province)
    {
        var envelope = new Envelope();
        foreach (var district in province.OfType<DistrictView>())
            envelope.ExpandToInclude(Geo.Read(district.Boundary).EnvelopeInternal);
        return new FlagEngine(new FlagSettings(), TimeProvider.System, envelope.Centre.X, envelope.Centre.Y);
    }

    private static string FindGeoDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "gialai");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("The Gia Lai pack was not found; set SITUATION_GEODIR");
    }
}
