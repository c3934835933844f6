using System.Text.Json;
using System.Text.Json.Nodes;
using Situation.Contracts.Entities;
using Situation.Contracts.Model;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// The API's description carries the contract the dashboard's types are generated from
/// (web/scripts/contract.mjs): the entity table, every vocabulary, the words of each checked field,
/// the geometry as GeoJSON — and the description the build wrote for the dashboard is the one the
/// server serves.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class ContractDescriptionTests(ApiServer api)
{
    [Fact]
    public async Task The_description_names_every_entity_type_with_its_section_geometry_and_view()
    {
        var document = await api.Server.GetJson("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var rows = document.GetProperty("x-entity-types").EnumerateArray().ToList();

        Assert.Equal(EntityTable.All.Select(e => e.Type), rows.Select(r => r.GetProperty("type").GetString()));
        foreach (var (entity, row) in EntityTable.All.Zip(rows))
        {
            Assert.Equal(entity.Section, row.GetProperty("section").GetString());
            Assert.Equal(entity.ApiPath, row.GetProperty("path").GetString());
            Assert.Equal(entity.GeometryField, row.GetProperty("geometry").GetString());
            var view = schemas.GetProperty(row.GetProperty("view").GetString()!);
            // A view always carries every field, its geometry as GeoJSON among them.
            var properties = view.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Equal(properties, view.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToHashSet());
            var geometry = view.GetProperty("properties").GetProperty(entity.GeometryField).GetProperty("$ref").GetString()!;
            var geoJson = schemas.GetProperty(geometry.Split('/')[^1]);
            Assert.Equal(["type", "coordinates"], geoJson.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        }
        foreach (var message in new[] { "ChangeBatch", "Heartbeat", "FlagView", "SummaryPoint" })
            Assert.True(schemas.TryGetProperty(message, out _), $"{message} is not described");
    }

    [Fact]
    public async Task Every_vocabulary_is_listed_and_the_fields_that_take_one_carry_its_words()
    {
        var document = await api.Server.GetJson("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var vocabularies = document.GetProperty("x-vocabularies");

        foreach (var (name, vocabulary) in Words.Named)
            Assert.Equal(vocabulary.Words, vocabularies.GetProperty(name).EnumerateArray().Select(w => w.GetString()));
        AssertWords(schemas.GetProperty("SiteView").GetProperty("properties").GetProperty("effectiveHealth"), Words.Health.Effective);
        AssertWords(schemas.GetProperty("SiteReportRequest").GetProperty("properties").GetProperty("causes").GetProperty("items"), Words.Cause.All);
        AssertWords(schemas.GetProperty("FlagView").GetProperty("properties").GetProperty("kind"), Situation.Contracts.Views.FlagKind.Vocabulary);
        AssertWords(schemas.GetProperty("LevelRequest").GetProperty("properties").GetProperty("level"), Words.DistrictLevel.All);
    }

    [Fact]
    public async Task Requests_require_what_the_validation_requires_and_take_null_where_it_is_optional()
    {
        var schemas = (await api.Server.GetJson("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["id", "operator", "kind", "location"], Required(schemas.GetProperty("SiteRequest")));
        Assert.Empty(Required(schemas.GetProperty("CheckpointPatchRequest")));
        Assert.Equal(["type", "geometry", "properties"], Required(schemas.GetProperty("FeatureRequestOfZoneProperties")));
        // Required: a string, never null. Optional: a word or null.
        var site = schemas.GetProperty("SiteRequest").GetProperty("properties");
        Assert.Equal("string", site.GetProperty("kind").GetProperty("type").GetString());
        Assert.Equal(["Point"], site.GetProperty("location").GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(w => w.GetString()));
        var wifi = schemas.GetProperty("CheckpointPatchRequest").GetProperty("properties").GetProperty("wifi");
        Assert.Equal([.. Words.Wifi.All.Words, null], wifi.GetProperty("enum").EnumerateArray().Select(w => w.GetString()));
        var zone = schemas.GetProperty("FeatureRequestOfZoneProperties").GetProperty("properties").GetProperty("geometry");
        Assert.Equal(["Polygon", "MultiPolygon"], zone.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Parameters_that_take_words_list_them_and_GeoJSON_answers_are_typed_Features()
    {
        var document = await api.Server.GetJson("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var kind = paths.GetProperty("/api/flags").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "kind");
        AssertWords(kind.GetProperty("schema"), Situation.Contracts.Views.FlagKind.Vocabulary);
        var one = paths.GetProperty("/api/sites/{id}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("#/components/schemas/SiteFeature", one.GetProperty("application/geo+json").GetProperty("schema").GetProperty("$ref").GetString());
        var list = paths.GetProperty("/api/flags").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("#/components/schemas/FlagFeatureCollection", list.GetProperty("application/geo+json").GetProperty("schema").GetProperty("$ref").GetString());
        // A Feature's properties are the view without its geometry, which is the Feature's own.
        Assert.False(schemas.GetProperty("SiteProperties").GetProperty("properties").TryGetProperty("location", out _));
        Assert.True(schemas.GetProperty("SiteProperties").GetProperty("properties").TryGetProperty("effectiveHealth", out _));
    }

    /// <summary>
    /// A generated client learns every answer an operation may give: 409 where its state or an
    /// existing id can stand in the way (and only there), 422 wherever a body is read.
    /// </summary>
    [Fact]
    public async Task Operations_list_the_conflicts_and_unprocessable_bodies_they_may_answer()
    {
        var paths = (await api.Server.GetJson("/openapi/v1.json")).GetProperty("paths");
        string[] Answers(string path, string method) => [.. paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name)];

        foreach (var (path, method) in new[]
                 {
                     ("/api/incidents", "post"), ("/api/incidents/{id}/steps", "post"), ("/api/passes", "post"), ("/api/passes/{id}/decision", "post"),
                     ("/api/passes/{id}/revoke", "post"), ("/api/passes/{id}/crossings", "post"), ("/api/zones", "post"), ("/api/directives", "post"),
                 })
            Assert.True(Answers(path, method).Contains("409") && Answers(path, method).Contains("422"), $"{method} {path}: {string.Join(", ", Answers(path, method))}");
        Assert.Contains("409", Answers("/api/passes/{id}/qr.svg", "get"));
        // A report repeats or moves on, never conflicts; a read names nothing that must fit.
        Assert.DoesNotContain("409", Answers("/api/sites/{id}/reports", "post"));
        Assert.Contains("422", Answers("/api/sites/{id}/reports", "post"));
        Assert.DoesNotContain("422", Answers("/api/passes", "get"));
    }

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    [Fact]
    public async Task The_description_the_build_wrote_for_the_dashboard_is_the_one_the_server_serves()
    {
        var served = JsonNode.Parse((await api.Server.GetJson("/openapi/v1.json")).GetRawText())!;
        var built = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Paths.RepositoryRoot, "web", "generated", "openapi.json")))!;

        var paths = served["paths"]!.AsObject().Select(p => p.Key).Union(built["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal([], paths.Where(path => !JsonNode.DeepEquals(served["paths"]![path], built["paths"]![path])));
        var schemas = served["components"]!["schemas"]!.AsObject().Select(p => p.Key).Union(built["components"]!["schemas"]!.AsObject().Select(p => p.Key));
        Assert.Equal([], schemas.Where(name => !JsonNode.DeepEquals(served["components"]!["schemas"]![name], built["components"]!["schemas"]![name])));
        foreach (var part in new[] { "x-vocabularies", "x-entity-types" })
            Assert.True(JsonNode.DeepEquals(served[part], built[part]), $"the built description's {part} differ from the served one's");
    }

    [Fact]
    public async Task Redoclys_recommended_rules_find_no_error_in_the_description()
    {
        var folder = Path.Combine(Paths.RepositoryRoot, "tests", "js");
        var redocly = Path.Combine(folder, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), "tests/js has no node_modules: scripts/test.sh installs them (npm ci)");
        var file = Path.Combine(Paths.NewTempDir("openapi"), "openapi.json");
        await File.WriteAllTextAsync(file, (await api.Server.GetJson("/openapi/v1.json")).GetRawText());
        // Nothing leaves the machine: no usage reports, no look for a newer version.
        var lint = await Tool.Run(redocly, ["lint", file, "--format=summary"], folder,
            environment: new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" }, boundSeconds: 90);

        // Warnings (tags without descriptions, no licence) are left; an error fails the lint.
        Assert.True(lint.ExitCode == 0, $"redocly lint exited {lint.ExitCode}:\n{lint.Said}");
    }

    private static void AssertWords(JsonElement field, Vocabulary vocabulary)
    {
        Assert.Equal(vocabulary.Name, field.GetProperty("x-vocabulary").GetString());
        Assert.Equal(vocabulary.Words, field.GetProperty("enum").EnumerateArray().Select(w => w.GetString()));
    }
}
