using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Gis;

/// <summary>
/// GDAL (what QGIS reads with) opens every list, the flags and every export format with the feature
/// counts and geometry types the API has, and a zone goes from a GeoPackage through ogr2ogr back into the API.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class GdalTests(ApiServer api) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("situation-gdal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Each layer, the path that lists it, and the geometry type GDAL must see.</summary>
    public static readonly (string Layer, string Path, string Geometry)[] Layers =
    [
        ("districts", "/api/districts", "Multi Polygon"),
        ("zones", "/api/zones", "Multi Polygon"),
        ("checkpoints", "/api/checkpoints", "Point"),
        ("sites", "/api/sites", "Point"),
        ("offices", "/api/postal/offices", "Point"),
        ("routes", "/api/postal/routes", "Line String"),
    ];

    [Fact]
    public async Task GDAL_opens_every_list_over_HTTP_with_its_count_and_one_geometry_type()
    {
        await Zones.Create(api, Zones.NewId());
        foreach (var (_, path, geometry) in Layers)
        {
            var layer = Assert.Single(await Gdal.Info(Url(path), api.Server.AdminToken));

            Assert.Equal((path, geometry), (path, layer.Geometry));
            Assert.Equal((path, await Count(path)), (path, layer.Features));
        }
    }

    [Fact]
    public async Task GDAL_opens_the_flags_as_GeoJSON_with_every_open_flag()
    {
        var layer = Assert.Single(await Gdal.Info(Url("/api/flags?format=geojson"), api.Server.AdminToken));

        Assert.Equal((await api.Server.GetJson("/api/flags")).GetArrayLength(), layer.Features);
        Assert.NotEqual("None", layer.Geometry);
        Assert.Equal("String", layer.Fields["kind"]);
    }

    [Fact]
    public async Task GDAL_opens_a_GeoPackage_of_the_situation_as_one_typed_table_per_layer()
    {
        await Zones.Create(api, Zones.NewId());
        var file = await Download("/api/exports/situation.gpkg", "situation.gpkg");

        var layers = (await Gdal.Info(file)).ToDictionary(l => l.Name);

        foreach (var (name, path, geometry) in Layers)
            Assert.Equal((name, geometry, await Count(path)), (name, layers[name].Geometry, layers[name].Features));
        Assert.Equal((await api.Server.GetJson("/api/flags")).GetArrayLength(), layers["flags"].Features);
        // Typed by the view, not by the data: a battery that no site reports is still a number.
        var sites = layers["sites"].Fields;
        Assert.Equal(("Integer", "Integer64", "DateTime", "Integer(Boolean)"), (sites["batteryMinutes"], sites["version"], sites["updatedAt"], sites["stale"]));
    }

    [Theory]
    [InlineData("geojson", "GeoJSON")]
    [InlineData("csv", "CSV")]
    [InlineData("kml", "KML")]
    [InlineData("gpkg", "GeoPackage")]
    public async Task GDAL_opens_every_export_format_with_every_site(string format, string what)
    {
        var file = await Download($"/api/exports/sites.{format}", $"sites.{format}");

        var layer = Assert.Single(await Gdal.Info(file));

        Assert.Equal((what, await Count("/api/sites")), (what, layer.Features));
        // KML and CSV layers do not declare one geometry type; their features still carry one each.
        if (format is "geojson" or "gpkg") Assert.Equal("Point", layer.Geometry);
        else Assert.NotEqual("None", layer.Geometry);
    }

    [Fact]
    public async Task The_whole_situation_as_KML_has_a_folder_per_layer()
    {
        var file = await Download("/api/exports/situation.kml?district=622", "situation.kml");

        var layers = (await Gdal.Info(file)).ToDictionary(l => l.Name, l => l.Features);

        // Of one district: the district itself, and what its lists hold.
        Assert.Equal(1, layers["districts"]);
        foreach (var (name, path, _) in Layers.Where(l => l.Layer != "districts"))
            Assert.Equal((name, await Count($"{path}?district=622")), (name, layers[name]));
    }

    [Fact]
    public async Task A_zone_goes_from_a_GeoPackage_through_ogr2ogr_back_into_the_API()
    {
        var original = Zones.NewId();
        await Zones.Create(api, original);
        var package = await Download("/api/exports/zones.gpkg", "zones.gpkg");
        var translated = Path.Combine(_folder, "zone.geojson");

        await Gdal.Translate("-f", "GeoJSON", "-lco", "RFC7946=YES", "-where", $"id = '{original}'", translated, package, "zones");

        var feature = JsonNode.Parse(await File.ReadAllTextAsync(translated))!["features"]!.AsArray().Single()!.AsObject();
        var copy = Zones.NewId();
        feature.Remove("id");
        feature["properties"]!["id"] = copy;
        using var created = await api.Send(HttpMethod.Post, "/api/zones", feature.ToJsonString(), "application/geo+json");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var before = await api.Server.GetJson($"/api/zones/{original}");
        var after = await api.Server.GetJson($"/api/zones/{copy}");
        Assert.Equal(before.GetProperty("geometry").GetRawText(), after.GetProperty("geometry").GetRawText());
        Assert.Equal(before.GetProperty("properties").GetProperty("name").GetString(), after.GetProperty("properties").GetProperty("name").GetString());
    }

    private string Url(string path) => api.Server.BaseAddress.ToString().TrimEnd('/') + path;

    private async Task<int> Count(string path) => (await api.Server.GetJson(path)).GetProperty("features").GetArrayLength();

    private async Task<string> Download(string path, string name)
    {
        using var response = await api.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var file = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return file;
    }
}

/// <summary>Zones the GIS tests draw: a square in Pleiku, drawn clockwise, with more decimals than a centimetre.</summary>
public static class Zones
{
    public const string ClockwiseSquare =
        """{"type":"Polygon","coordinates":[[[107.991000000000012,13.961000000000001],[107.991,13.979],[108.009,13.979],[108.009,13.961],[107.991000000000012,13.961000000000001]]]}""";

    public static string NewId() => $"gis-zone-{Guid.NewGuid():N}"[..20];

    public static async Task Create(ApiServer api, string id)
    {
        using var created = await api.Send(HttpMethod.Post, "/api/zones",
            $$"""{"type":"Feature","id":"{{id}}","geometry":{{ClockwiseSquare}},"properties":{"districtId":"622","name":"Tổ 7, phường Hoa Lư"} }""", "application/geo+json");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }
}
