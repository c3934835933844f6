using System.Net;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

[Collection(ApiServerCollection.Name)]
public sealed class ReadApiTests(ApiServer api)
{
    private static JsonElement[] Features(JsonElement collection)
    {
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        return collection.GetProperty("features").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Districts_are_a_FeatureCollection_of_the_17_districts_with_level_and_version()
    {
        var districts = Features(await api.Server.GetJson("/api/districts"));

        Assert.Equal(17, districts.Length);
        Assert.All(districts, d =>
        {
            Assert.Equal("Feature", d.GetProperty("type").GetString());
            Assert.Equal("MultiPolygon", d.GetProperty("geometry").GetProperty("type").GetString());
            var properties = d.GetProperty("properties");
            Assert.Equal(d.GetProperty("id").GetString(), properties.GetProperty("id").GetString());
            Assert.True(properties.GetProperty("version").GetInt64() >= 1);
            Assert.Contains(properties.GetProperty("level").GetString(), new[] { "normal", "watch", "distancing", "lockdown" });
            Assert.False(properties.TryGetProperty("boundary", out _), "the geometry is the Feature's, not a property");
        });
        Assert.Contains(districts, d => d.GetProperty("properties").GetProperty("name").GetString() == "Chư Păh");
    }

    [Fact]
    public async Task The_situation_snapshot_holds_every_entity_with_its_version()
    {
        var situation = await api.Server.GetJson("/api/situation");

        Assert.True(situation.TryGetProperty("generatedAt", out _));
        Assert.Equal(17, Features(situation.GetProperty("districts")).Length);
        Assert.True(Features(situation.GetProperty("sites")).Length >= 1572);
        Assert.True(Features(situation.GetProperty("checkpoints")).Length >= 22);
        Assert.True(Features(situation.GetProperty("offices")).Length >= 34);
        Assert.True(Features(situation.GetProperty("routes")).Length >= 12);
        Assert.True(situation.TryGetProperty("zones", out _));
        foreach (var section in new[] { "districts", "zones", "checkpoints", "sites", "offices", "routes" })
            Assert.All(Features(situation.GetProperty(section)), f => Assert.True(f.GetProperty("properties").GetProperty("version").GetInt64() >= 1));
    }

    [Fact]
    public async Task Sites_filter_by_operator_district_and_health()
    {
        var viettelInAnKhe = Features(await api.Server.GetJson("/api/sites?operator=viettel&district=623"));
        var unknown = Features(await api.Server.GetJson("/api/sites?health=unknown&district=634"));

        Assert.NotEmpty(viettelInAnKhe);
        Assert.All(viettelInAnKhe, s =>
        {
            Assert.Equal("viettel", s.GetProperty("properties").GetProperty("operator").GetString());
            Assert.Equal("623", s.GetProperty("properties").GetProperty("districtId").GetString());
        });
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task One_site_is_a_GeoJSON_Feature_at_its_point_with_its_fields_as_properties()
    {
        var feature = await api.Server.GetJson("/api/sites/bts-622-0001");
        var site = feature.GetProperty("properties");

        Assert.Equal(("Feature", "bts-622-0001"), (feature.GetProperty("type").GetString(), feature.GetProperty("id").GetString()));
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(2, feature.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        Assert.Equal("bts-622-0001", site.GetProperty("id").GetString());
        Assert.False(site.TryGetProperty("location", out _), "the location is the Feature's geometry, not a property");
        Assert.Equal("bts", site.GetProperty("kind").GetString());
        Assert.True(site.TryGetProperty("effectiveHealth", out _));
    }

    [Theory]
    [InlineData("/api/sites/no-such-site")]
    [InlineData("/api/districts/999")]
    [InlineData("/api/zones/no-such-zone")]
    [InlineData("/api/checkpoints/no-such-checkpoint")]
    [InlineData("/api/postal/offices/no-such-office")]
    [InlineData("/api/postal/routes/no-such-route")]
    [InlineData("/api/sites/NOT%20AN%20ID")]
    public async Task An_unknown_id_is_a_404_problem(string path)
    {
        using var response = await api.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Lists_of_every_kind_answer_with_FeatureCollections()
    {
        foreach (var path in new[] { "/api/zones", "/api/checkpoints", "/api/postal/offices", "/api/postal/routes", "/api/checkpoints?district=622", "/api/postal/routes?district=623" })
            Assert.NotNull(Features(await api.Server.GetJson(path)));
        Assert.All(Features(await api.Server.GetJson("/api/postal/routes?district=623")),
            r => Assert.Contains("623", r.GetProperty("properties").GetProperty("districtIds").EnumerateArray().Select(d => d.GetString())));
    }

    [Fact]
    public async Task Health_reports_the_node_its_database_and_its_redis()
    {
        var health = await api.Server.GetJson("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("node").GetProperty("name").GetString()));
        Assert.True(health.GetProperty("node").GetProperty("ok").GetBoolean());
        Assert.False(health.GetProperty("redis").GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task Metrics_are_exported_for_Prometheus_with_Orleans_request_and_push_meters()
    {
        await api.Server.GetJson("/api/flags");
        var text = await api.Server.ScrapeMetrics();

        Assert.Contains("orleans_catalog_activations", text);
        Assert.Contains("http_server_request_duration_seconds_count", text);
    }

    [Fact]
    public async Task Metrics_are_for_the_scrape_token_and_administrators_only()
    {
        using var leader = await api.Server.ClientFor("leader");
        using var wrong = api.Server.WithToken("not-the-scrape-token-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Server.Anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        using var refused = await leader.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await api.Server.Http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task The_Orleans_Dashboard_is_for_admins_only()
    {
        using var leader = await api.Server.ClientFor("leader");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Server.Anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Server.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_cookie_is_set_only_for_a_valid_administrators_token_and_is_Secure()
    {
        var leaderToken = await api.Server.Login("leader");
        static async Task<string?> CookieAfter(RunningServer server, string token)
        {
            using var response = await server.Anonymous.GetAsync("/dashboard/?access_token=" + Uri.EscapeDataString(token));
            return response.Headers.TryGetValues("Set-Cookie", out var cookies) ? string.Join("; ", cookies) : null;
        }

        Assert.Null(await CookieAfter(api.Server, "not.a.token"));
        Assert.Null(await CookieAfter(api.Server, leaderToken));
        var kept = await CookieAfter(api.Server, api.Server.AdminToken);
        Assert.NotNull(kept);
        Assert.Contains("secure", kept, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", kept, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", kept, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API_and_a_browsable_UI_serves_it()
    {
        var openApi = await api.Server.GetJson("/openapi/v1.json");
        using var ui = await api.Http.GetAsync("/docs/index.html");

        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/situation", "/api/districts/{id}/level", "/api/zones", "/api/zones/{id}/lift", "/api/checkpoints/{id}",
                     "/api/sites", "/api/sites/{id}/reports", "/api/reports", "/api/postal/offices", "/api/postal/routes/{id}/reports", "/healthz" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
