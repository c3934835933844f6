using Situation.Grains.Spatial;
using NetTopologySuite.Geometries;
using Situation.Server.Demo;
using Situation.Server.Geography;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Demo;

public sealed class DemoProvinceTests
{
    /// <summary>Gia Lai lies within this box (lon 107.4–108.95, lat 12.95–14.6), with a little room.</summary>
    private static readonly Envelope GiaLai = new(107.35, 109.0, 12.9, 14.65);

    private static readonly Lazy<DemoProvince> Surveyed = new(() => new DemoGenerator(GeoPack.TryLoad(Paths.GeoDir)).Generate());

    [Fact]
    public void The_surveyed_province_has_the_17_real_districts_as_valid_polygons_inside_Gia_Lai()
    {
        var province = Surveyed.Value;

        Assert.False(province.Schematic);
        Assert.Equal(17, province.Districts.Count);
        Assert.Equal(ProvinceFacts.Districts.Select(d => d.Code), province.Districts.Select(d => d.Id));
        foreach (var district in province.Districts)
        {
            var boundary = Geo.Read(district.Value.Boundary);
            Assert.Equal("MultiPolygon", boundary.GeometryType);
            Assert.True(boundary.IsValid, $"district {district.Id} is not a valid polygon");
            Assert.True(GiaLai.Contains(boundary.EnvelopeInternal), $"district {district.Id} lies outside Gia Lai");
            Assert.False(district.Value.Schematic);
        }
        Assert.Equal(1_508_038, province.Districts.Sum(d => d.Value.Population)); // the 2019 census
    }

    [Fact]
    public void The_surveyed_province_has_the_expected_infrastructure()
    {
        var province = Surveyed.Value;

        Assert.Equal(1500, province.Sites.Count(s => s.Value.Kind == "bts"));
        Assert.Equal(17 * 4, province.Sites.Count(s => s.Value.Kind == "exchange"));
        Assert.Equal(4, province.Sites.Count(s => s.Value.Kind == "noc"));
        Assert.Equal(["mobifone", "vietnamobile", "viettel", "vnpt"], province.Sites.Select(s => s.Value.Operator).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(22, province.Checkpoints.Count);
        Assert.Equal(ProvinceFacts.ProvincialCheckpoints.Select(c => c.Id), province.Checkpoints.Take(4).Select(c => c.Id));
        Assert.Equal(34, province.Offices.Count);
        Assert.All(ProvinceFacts.Districts, d => Assert.Equal(2, province.Offices.Count(o => o.Id.EndsWith("-" + d.Code))));
        Assert.Equal(12, province.Routes.Count);
        Assert.Equal(province.Sites.Count, province.Sites.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Every_site_has_a_real_upstream_chain_and_lies_in_its_district()
    {
        var province = Surveyed.Value;
        var sites = province.Sites.ToDictionary(s => s.Id, s => s.Value);
        var geography = new ProvinceGeography();
        geography.Load(province.Districts.Select(d => new Situation.Contracts.Views.DistrictView { Id = d.Id, Name = d.Value.Name, Boundary = d.Value.Boundary }));

        foreach (var (id, site) in sites)
        {
            var expectedUpstreamKind = site.Kind switch { "bts" => "exchange", "exchange" => "noc", _ => null };
            if (expectedUpstreamKind is null)
                Assert.Null(site.UpstreamSiteId);
            else
            {
                var upstream = sites[site.UpstreamSiteId!];
                Assert.Equal(expectedUpstreamKind, upstream.Kind);
                Assert.Equal(site.Operator, upstream.Operator);
            }
            Assert.Equal(site.DistrictId, geography.DistrictAt(site.Location));
            Assert.True(GiaLai.Contains(site.Location.Lon, site.Location.Lat), $"site {id} lies outside Gia Lai");
        }
        Assert.True(province.Sites.Count(s => s.Value.DistrictId == "622") > province.Sites.Count(s => s.Value.DistrictId == "634"),
            "Pleiku, the most populous, has more sites than Đăk Pơ");
    }

    [Fact]
    public void Routes_start_in_Pleiku_territory_and_stop_at_offices_on_their_way()
    {
        var province = Surveyed.Value;
        var offices = province.Offices.ToDictionary(o => o.Id, o => o.Value);

        Assert.All(province.Routes, route =>
        {
            Assert.Equal("LineString", Geo.Read(route.Value.Path).GeometryType);
            Assert.NotEmpty(route.Value.DistrictIds);
            Assert.All(route.Value.StopOfficeIds, stop => Assert.Contains(offices[stop].DistrictId, route.Value.DistrictIds));
        });
        var served = province.Routes.SelectMany(r => r.Value.DistrictIds).ToHashSet();
        Assert.All(ProvinceFacts.Districts, d => Assert.Contains(d.Code, served));
    }

    [Fact]
    public void The_same_seed_gives_the_same_province_and_another_seed_another()
    {
        var pack = GeoPack.TryLoad(Paths.GeoDir);

        var first = Json.Of(new DemoGenerator(pack, seed: 7).Generate());
        var second = Json.Of(new DemoGenerator(pack, seed: 7).Generate());
        var other = Json.Of(new DemoGenerator(pack, seed: 8).Generate());

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Without_the_province_pack_a_schematic_province_is_built_and_labelled_so()
    {
        var province = new DemoGenerator(pack: null).Generate();

        Assert.True(province.Schematic);
        Assert.Equal(17, province.Districts.Count);
        var boundaries = province.Districts.Select(d => Geo.Read(d.Value.Boundary)).ToList();
        Assert.All(province.Districts, d => Assert.True(d.Value.Schematic));
        Assert.All(boundaries, b => Assert.True(b.IsValid && b.Area > 0));
        for (var i = 0; i < boundaries.Count; i++)
            for (var j = i + 1; j < boundaries.Count; j++)
                Assert.True(boundaries[i].Intersection(boundaries[j]).Area < 1e-9, $"districts {i} and {j} overlap");
        Assert.All(ProvinceFacts.Districts, fact =>
            Assert.True(boundaries[ProvinceFacts.Districts.ToList().IndexOf(fact)].Contains(Geo.ToPoint(new(fact.TownLon, fact.TownLat)))));
        Assert.Equal(1572, province.Sites.Count);
        Assert.Equal(34, province.Offices.Count);
        Assert.Equal(4 + 17, province.Checkpoints.Count);
        Assert.Equal(16, province.Routes.Count);
    }

    [Fact]
    public async Task A_server_without_the_province_pack_starts_with_the_schematic_province()
    {
        var dataDir = Paths.NewTempDir("schematic");
        try
        {
            await using var server = await ServerProcess.Start(dataDir, new Dictionary<string, string?> { ["Situation:GeoDir"] = Path.Combine(dataDir, "no-pack-here") });

            var districts = (await server.GetJson("/api/districts")).GetProperty("features").EnumerateArray().ToArray();

            Assert.Equal(17, districts.Length);
            Assert.All(districts, d => Assert.True(d.GetProperty("properties").GetProperty("schematic").GetBoolean()));
            Assert.Equal(1572, (await server.GetJson("/api/sites")).GetProperty("features").GetArrayLength());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
