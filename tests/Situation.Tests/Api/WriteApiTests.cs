using System.Net;
using System.Text.Json;

namespace Situation.Tests.Api;

[Collection(ApiServerCollection.Name)]
public sealed class WriteApiTests(ApiServer api)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private const string PleikuSquare = """{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]}""";

    private async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_district_committee_sets_its_level_and_the_version_grows()
    {
        var before = await api.Server.GetView("/api/districts/639");

        var after = await Expect(await api.Send(HttpMethod.Put, "/api/districts/639/level", """{"level":"lockdown","note":"Phong tỏa thôn Plei Bông"}"""), HttpStatusCode.OK);

        Assert.Equal("lockdown", after.GetProperty("level").GetString());
        Assert.Equal("Phong tỏa thôn Plei Bông", after.GetProperty("note").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64() + 1, after.GetProperty("version").GetInt64());
        Assert.Equal("lockdown", (await api.Server.GetView("/api/districts/639")).GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_zone_is_declared_edited_and_lifted_over_HTTP()
    {
        var id = NewId("zone");
        var feature = $$"""{"type":"Feature","id":"{{id}}","geometry":{{PleikuSquare}},"properties":{"districtId":"622","name":"Tổ 5, phường Ia Kring"} }""";

        var created = await Expect(await api.Send(HttpMethod.Post, "/api/zones", feature, "application/geo+json"), HttpStatusCode.Created);
        var duplicate = await api.Send(HttpMethod.Post, "/api/zones", feature);
        var edited = await Expect(await api.Send(HttpMethod.Put, $"/api/zones/{id}", feature.Replace("Tổ 5", "Tổ 5 và 6")), HttpStatusCode.OK);
        var lifted = await Expect(await api.Send(HttpMethod.Post, $"/api/zones/{id}/lift", null), HttpStatusCode.OK);

        Assert.Equal((1L, "active"), (created.GetProperty("version").GetInt64(), created.GetProperty("status").GetString()));
        // Drawn as a Polygon, kept as a MultiPolygon: one geometry type per layer in a GIS.
        Assert.Equal("MultiPolygon", created.GetProperty("boundary").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal((2L, "Tổ 5 và 6, phường Ia Kring"), (edited.GetProperty("version").GetInt64(), edited.GetProperty("name").GetString()));
        Assert.Equal((3L, "lifted"), (lifted.GetProperty("version").GetInt64(), lifted.GetProperty("status").GetString()));
        var listed = (await api.Server.GetJson("/api/zones?district=622")).GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == id);
        Assert.Equal("lifted", listed.GetProperty("properties").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_zone_drawn_without_its_district_belongs_to_the_district_it_lies_in()
    {
        var id = NewId("zone");

        var created = await Expect(await api.Send(HttpMethod.Post, "/api/zones",
            $$"""{"type":"Feature","id":"{{id}}","geometry":{{PleikuSquare}},"properties":{"name":"Phường Hội Thương"} }"""), HttpStatusCode.Created);

        Assert.Equal("622", created.GetProperty("districtId").GetString());
    }

    [Fact]
    public async Task A_checkpoint_is_registered_and_its_wifi_reported()
    {
        var id = NewId("cp");
        var created = await Expect(await api.Send(HttpMethod.Post, "/api/checkpoints",
            $$"""{"id":"{{id}}","name":"Chốt cầu Ia Kring","road":"Quốc lộ 19","location":{"type":"Point","coordinates":[108.02,13.97]},"wifi":"none"}"""), HttpStatusCode.Created);
        var wifi = await Expect(await api.Send(HttpMethod.Patch, $"/api/checkpoints/{id}", """{"wifi":"ok","wifiOperator":"vnpt"}"""), HttpStatusCode.OK);
        using var repeat = await api.Send(HttpMethod.Patch, $"/api/checkpoints/{id}", """{"wifi":"ok"}""");

        Assert.Equal("622", created.GetProperty("districtId").GetString());
        Assert.Equal((2L, "ok", "vnpt"), (wifi.GetProperty("version").GetInt64(), wifi.GetProperty("wifi").GetString(), wifi.GetProperty("wifiOperator").GetString()));
        Assert.Equal("heartbeat", repeat.Headers.GetValues("X-Situation-Outcome").Single());
        Assert.Equal(2L, (await Expect(repeat, HttpStatusCode.OK)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_site_is_registered_and_reports_change_its_health_while_repeats_are_heartbeats()
    {
        var id = NewId("bts");
        var created = await Expect(await api.Send(HttpMethod.Post, "/api/sites",
            $$"""{"id":"{{id}}","operator":"mobifone","kind":"bts","location":{"type":"Point","coordinates":[108.67,13.96]},"upstreamSiteId":"mobifone-ex-623"}"""), HttpStatusCode.Created);
        var down = await Expect(await api.Send(HttpMethod.Post, $"/api/sites/{id}/reports", """{"health":"down","power":"battery","batteryMinutes":45,"causes":["power"]}"""), HttpStatusCode.OK);
        using var repeat = await api.Send(HttpMethod.Post, $"/api/sites/{id}/reports", """{"health":"down","power":"battery","batteryMinutes":45,"causes":["power"]}""");

        Assert.Equal(("623", 3000, "unknown"), (created.GetProperty("districtId").GetString(), created.GetProperty("coverageRadiusM").GetInt32(), created.GetProperty("effectiveHealth").GetString()));
        Assert.Equal((2L, "down", 45), (down.GetProperty("version").GetInt64(), down.GetProperty("effectiveHealth").GetString(), down.GetProperty("batteryMinutes").GetInt32()));
        Assert.Equal("heartbeat", repeat.Headers.GetValues("X-Situation-Outcome").Single());
        var listed = (await api.Server.GetJson("/api/sites?district=623&health=down")).GetProperty("features").EnumerateArray();
        Assert.Contains(listed, f => f.GetProperty("id").GetString() == id && f.GetProperty("properties").GetProperty("version").GetInt64() == 2);
    }

    [Fact]
    public async Task A_batch_of_reports_answers_item_by_item()
    {
        var batch = """
            {"reports":[
              {"siteId":"bts-624-0001","health":"degraded","power":"generator"},
              {"siteId":"bts-624-0002","health":"sideways","power":"grid"},
              {"siteId":"no-such-site","health":"up","power":"grid"},
              {"siteId":"bts-624-0001","health":"down","power":"battery","batteryMinutes":30},
              {"health":"up","power":"grid"},
              "not an object",
              {"siteId":"bts-624-0003","health":"up","power":"grid","batteryMinutes":"many"}
            ]}
            """;
        var before = await api.Server.GetView("/api/sites/bts-624-0001");

        var answer = await Expect(await api.Send(HttpMethod.Post, "/api/reports", batch), HttpStatusCode.OK);

        var results = answer.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(7, results.Length);
        Assert.Equal([200, 400, 404, 200, 400, 400, 400], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal((2, 5), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("rejected").GetInt32()));
        Assert.True(results[1].GetProperty("errors").TryGetProperty("health", out _));
        Assert.True(results[6].GetProperty("errors").TryGetProperty("batteryMinutes", out _));
        var after = await api.Server.GetView("/api/sites/bts-624-0001");
        Assert.Equal(("down", before.GetProperty("version").GetInt64() + 2), (after.GetProperty("health").GetString(), after.GetProperty("version").GetInt64()));
        Assert.Equal(after.GetProperty("version").GetInt64(), results[3].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Post_offices_and_postal_routes_are_registered_and_report_their_status()
    {
        var office = NewId("office");
        var route = NewId("route");

        var createdOffice = await Expect(await api.Send(HttpMethod.Post, "/api/postal/offices",
            $$"""{"id":"{{office}}","operator":"viettelpost","name":"Bưu cục Ia Kha","location":{"type":"Point","coordinates":[107.84,13.965]} }"""), HttpStatusCode.Created);
        var closed = await Expect(await api.Send(HttpMethod.Post, $"/api/postal/offices/{office}/reports", """{"status":"closed"}"""), HttpStatusCode.OK);
        var createdRoute = await Expect(await api.Send(HttpMethod.Post, "/api/postal/routes",
            $$"""{"type":"Feature","id":"{{route}}","geometry":{"type":"LineString","coordinates":[[107.99,13.98],[107.84,13.965]]},"properties":{"operator":"viettelpost","name":"Pleiku – Ia Grai","stopOfficeIds":["{{office}}"]} }"""), HttpStatusCode.Created);
        var delayed = await Expect(await api.Send(HttpMethod.Post, $"/api/postal/routes/{route}/reports", """{"status":"delayed"}"""), HttpStatusCode.OK);

        Assert.Equal("628", createdOffice.GetProperty("districtId").GetString());
        Assert.Equal(("closed", 2L), (closed.GetProperty("status").GetString(), closed.GetProperty("version").GetInt64()));
        Assert.Equal(["622", "628"], createdRoute.GetProperty("districtIds").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(("delayed", 2L), (delayed.GetProperty("status").GetString(), delayed.GetProperty("version").GetInt64()));
    }

    [Theory]
    [InlineData("PUT", "/api/districts/999/level", """{"level":"watch"}""")]
    [InlineData("POST", "/api/zones/no-such-zone/lift", null)]
    [InlineData("PUT", "/api/zones/no-such-zone", """{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"x"} }""")]
    [InlineData("PATCH", "/api/checkpoints/no-such-checkpoint", """{"wifi":"ok"}""")]
    [InlineData("POST", "/api/sites/no-such-site/reports", """{"health":"up","power":"grid"}""")]
    [InlineData("POST", "/api/postal/offices/no-such-office/reports", """{"status":"open"}""")]
    [InlineData("POST", "/api/postal/routes/no-such-route/reports", """{"status":"running"}""")]
    public async Task A_write_to_an_unknown_entity_is_a_404_problem_and_creates_nothing(string method, string path, string? body)
    {
        using var response = await api.Send(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var entityPath = path.EndsWith("/reports") || path.EndsWith("/lift") || path.EndsWith("/level") ? path[..path.LastIndexOf('/')] : path;
        Assert.StartsWith("404", await api.Probe(entityPath));
    }
}
