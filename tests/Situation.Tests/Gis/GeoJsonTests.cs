using System.Net;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using Situation.Grains.Spatial;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Gis;

/// <summary>
/// The API's GeoJSON is what GIS tools expect: valid RFC 7946 by an independent validator, areas
/// always MultiPolygons wound by the right-hand rule, coordinates at 7 decimals, one entity a Feature
/// that its write takes back unchanged, and flags as a FeatureCollection located at their subjects.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class GeoJsonTests(ApiServer api)
{
    public static readonly string[] Lists =
    [
        "/api/districts", "/api/zones", "/api/checkpoints", "/api/sites", "/api/postal/offices", "/api/postal/routes", "/api/flags?format=geojson",
    ];

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Every_FeatureCollection_passes_an_RFC_7946_validator()
    {
        await CreateZone(NewId("gj-zone"));
        var folder = Path.Combine(Paths.RepositoryRoot, "tests", "js");

        var node = await Tool.Run("node", ["check-geojson.mjs", api.Server.BaseAddress.ToString().TrimEnd('/'), api.Server.AdminToken, .. Lists, "/api/exports/situation.geojson"], folder);

        Assert.True(node.ExitCode == 0, node.Said);
        Assert.Equal(Lists.Length + 1, node.Output.Split('\n').Count(l => l.Contains(" 0 issues")));
    }

    [Fact]
    public async Task A_zone_drawn_as_a_Polygon_is_kept_as_a_right_handed_MultiPolygon_at_7_decimals()
    {
        var id = NewId("gj-zone");
        await CreateZone(id);

        var feature = await api.Server.GetJson($"/api/zones/{id}");
        var geometry = feature.GetProperty("geometry");

        Assert.Equal("MultiPolygon", geometry.GetProperty("type").GetString());
        var ring = geometry.GetProperty("coordinates")[0][0];
        Assert.Equal("107.991", ring[0][0].GetRawText());
        Assert.Equal("13.961", ring[0][1].GetRawText());
        var shell = Geo.Read(geometry) is MultiPolygon areas ? ((Polygon)areas[0]).Shell : throw new Xunit.Sdk.XunitException("not a MultiPolygon");
        Assert.True(Orientation.IsCCW(shell.CoordinateSequence), "the outer ring must run counter-clockwise (RFC 7946, 3.1.6)");
    }

    [Fact]
    public async Task Every_area_the_API_serves_is_a_right_handed_MultiPolygon()
    {
        await CreateZone(NewId("gj-zone"));
        foreach (var path in new[] { "/api/districts", "/api/zones" })
            foreach (var feature in (await api.Server.GetJson(path)).GetProperty("features").EnumerateArray())
            {
                var areas = Assert.IsType<MultiPolygon>(Geo.Read(feature.GetProperty("geometry")));
                foreach (var polygon in areas.Geometries.Cast<Polygon>())
                {
                    Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence), $"{path} {feature.GetProperty("id")}: outer ring clockwise");
                    Assert.All(polygon.Holes, hole => Assert.False(Orientation.IsCCW(hole.CoordinateSequence), $"{path}: a hole counter-clockwise"));
                }
            }
    }

    [Fact]
    public async Task A_point_is_rounded_to_7_decimals_on_the_way_in()
    {
        var id = NewId("gj-site");
        using var created = await api.Send(HttpMethod.Post, "/api/sites",
            $$"""{"id":"{{id}}","operator":"vnpt","kind":"bts","location":{"type":"Point","coordinates":[108.000123456789012,13.98765432109876]} }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var coordinates = (await api.Server.GetJson($"/api/sites/{id}")).GetProperty("geometry").GetProperty("coordinates");

        Assert.Equal(("108.0001235", "13.9876543"), (coordinates[0].GetRawText(), coordinates[1].GetRawText()));
    }

    [Fact]
    public async Task A_zone_Feature_from_GET_is_taken_back_by_PUT_unchanged()
    {
        var id = NewId("gj-zone");
        await CreateZone(id);
        var before = await api.Server.GetJson($"/api/zones/{id}");

        using var put = await api.Send(HttpMethod.Put, $"/api/zones/{id}", before.GetRawText(), "application/geo+json");
        var after = await api.Server.GetJson($"/api/zones/{id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Feature", before.GetProperty("type").GetString());
        Assert.Equal(before.GetProperty("geometry").GetRawText(), after.GetProperty("geometry").GetRawText());
        Assert.Equal(Fields(before, except: ["version", "updatedAt", "updatedBy"]), Fields(after, except: ["version", "updatedAt", "updatedBy"]));
    }

    [Fact]
    public async Task A_site_Feature_from_GET_is_taken_back_by_its_registration_unchanged()
    {
        var site = (await api.Server.GetJson("/api/sites?district=622")).GetProperty("features")[0].GetProperty("id").GetString();
        var before = await api.Server.GetJson($"/api/sites/{site}");

        using var saved = await api.Send(HttpMethod.Post, "/api/sites", before.GetRawText(), "application/geo+json");
        var after = await api.Server.GetJson($"/api/sites/{site}");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Point", before.GetProperty("geometry").GetProperty("type").GetString());
        // The same registration is no change at all: not even a new version.
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Flags_as_GeoJSON_are_the_open_flags_each_at_its_subject()
    {
        var listed = (await api.Server.GetJson("/api/flags")).EnumerateArray().ToList();
        using var response = await api.Http.GetAsync("/api/flags?format=geojson");
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var features = collection.GetProperty("features").EnumerateArray().ToList();

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(listed);
        Assert.Equal(listed.Select(f => f.GetProperty("id").GetString()).Order(), features.Select(f => f.GetProperty("id").GetString()).Order());
        foreach (var feature in features)
        {
            var subject = feature.GetProperty("properties").GetProperty("subject");
            if (subject.GetProperty("type").GetString() is "obligation" or "roster")
            {
                // Not on the map: a directive's obligation or a roster's gap is located at its district, or nowhere.
                var district = feature.GetProperty("properties").GetProperty("districtId");
                var area = district.ValueKind == JsonValueKind.Null ? "null" : (await api.Server.GetJson($"/api/districts/{district.GetString()}")).GetProperty("geometry").GetRawText();
                Assert.Equal(area, feature.GetProperty("geometry").GetRawText());
                continue;
            }
            var path = subject.GetProperty("type").GetString() switch
            {
                "site" => "/api/sites/", "checkpoint" => "/api/checkpoints/", "zone" => "/api/zones/", "district" => "/api/districts/",
                "office" => "/api/postal/offices/", "route" => "/api/postal/routes/", var other => throw new Xunit.Sdk.XunitException($"subject type {other}"),
            };
            var at = (await api.Server.GetJson(path + subject.GetProperty("id").GetString())).GetProperty("geometry");
            Assert.Equal(at.GetRawText(), feature.GetProperty("geometry").GetRawText());
        }
    }

    [Fact]
    public async Task An_unknown_flag_format_is_a_problem()
    {
        using var response = await api.Http.GetAsync("/api/flags?format=shapefile");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task CreateZone(string id) => Zones.Create(api, id);

    private static Dictionary<string, string> Fields(JsonElement feature, string[] except) =>
        feature.GetProperty("properties").EnumerateObject().Where(p => !except.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText());
}
