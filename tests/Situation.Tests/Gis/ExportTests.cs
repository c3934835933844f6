using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Situation.Server.Api.Exports;
using Situation.Tests.Api;

namespace Situation.Tests.Gis;

/// <summary>The export endpoint's file names, its CSV, and what it answers to a layer, format or district it does not know.</summary>
[Collection(ApiServerCollection.Name)]
public sealed class ExportTests(ApiServer api)
{
    [Theory]
    [InlineData("Đăk Đoa", "dak-doa")]
    [InlineData("Chư Păh", "chu-pah")]
    [InlineData("Kông Chro", "kong-chro")]
    [InlineData("Phú Thiện", "phu-thien")]
    public void A_district_name_becomes_plain_ASCII_in_a_file_name(string name, string slug) =>
        Assert.Equal(slug, ExportsApi.Slug(name));

    [Fact]
    public async Task An_export_is_an_attachment_named_for_its_layer_district_and_time_in_ASCII()
    {
        using var response = await api.Http.GetAsync("/api/exports/sites.gpkg?district=626");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geopackage+sqlite3", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(new Regex(@"^situation-sites-626-dak-doa-\d{8}-\d{4}Z\.gpkg$"), disposition.FileName!.Trim('"'));
        Assert.All(disposition.ToString(), c => Assert.True(c < 128, $"'{c}' is not ASCII"));
    }

    [Fact]
    public async Task The_CSV_has_a_row_per_site_with_its_point_as_WKT_and_Vietnamese_names_intact()
    {
        var sites = (await api.Server.GetJson("/api/sites?district=627")).GetProperty("features").EnumerateArray().ToList();
        using var response = await api.Http.GetAsync("/api/exports/sites.csv?district=627");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("id", header[0]);
        Assert.Equal("WKT", header[^1]);
        Assert.Equal(sites.Count, lines.Length - 1);
        var first = sites[0];
        var coordinates = first.GetProperty("geometry").GetProperty("coordinates");
        var row = lines.Single(l => l.StartsWith(first.GetProperty("id").GetString() + ","));
        Assert.EndsWith($"POINT ({coordinates[0].GetRawText()} {coordinates[1].GetRawText()})", row);
    }

    [Fact]
    public async Task The_whole_situation_as_GeoJSON_names_each_features_layer_and_keeps_ids_apart()
    {
        var collection = await api.Server.GetJson("/api/exports/situation.geojson?district=622");
        var features = collection.GetProperty("features").EnumerateArray().ToList();

        Assert.Equal(features.Count, features.Select(f => f.GetProperty("id").GetString()).Distinct().Count());
        var district = features.Single(f => f.GetProperty("properties").GetProperty("layer").GetString() == "districts");
        Assert.Equal("districts/622", district.GetProperty("id").GetString());
        Assert.Equal("622", district.GetProperty("properties").GetProperty("id").GetString());
        var sites = features.Count(f => f.GetProperty("properties").GetProperty("layer").GetString() == "sites");
        Assert.Equal((await api.Server.GetJson("/api/sites?district=622")).GetProperty("features").GetArrayLength(), sites);
    }

    [Theory]
    [InlineData("/api/exports/satellites.csv", HttpStatusCode.BadRequest, "layer")]
    [InlineData("/api/exports/sites.shp", HttpStatusCode.BadRequest, "format")]
    [InlineData("/api/exports/sites.csv?district=../../etc", HttpStatusCode.BadRequest, "district")]
    [InlineData("/api/exports/sites.csv?district=999", HttpStatusCode.NotFound, null)]
    public async Task What_the_export_does_not_know_is_a_problem(string path, HttpStatusCode status, string? field)
    {
        using var response = await api.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.Contains($"\"{field}\"", body);
    }
}
