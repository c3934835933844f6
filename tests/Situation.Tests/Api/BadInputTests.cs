using System.Net;
using System.Text.Json;

namespace Situation.Tests.Api;

/// <summary>
/// Every kind of bad input the API must refuse: the right 4xx, a problem+json body naming the field,
/// and nothing changed — the entity reads back exactly as before (or still does not exist).
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class BadInputTests(ApiServer api)
{
    private const string Point = """{"type":"Point","coordinates":[108.0,13.97]}""";
    private const string Square = """{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]}""";
    private const string BowTie = """{"type":"Polygon","coordinates":[[[108.0,13.9],[108.05,13.95],[108.0,13.95],[108.05,13.9],[108.0,13.9]]]}""";
    private const string Hanoi = """{"type":"Polygon","coordinates":[[[105.8,21.0],[105.9,21.0],[105.9,21.1],[105.8,21.0]]]}""";

    private static string Zone(string geometry, string properties = """{"districtId":"622","name":"Khu cách ly"}""", string id = "bad-zone") =>
        $$"""{"type":"Feature","id":"{{id}}","geometry":{{geometry}},"properties":{{properties}} }""";

    public static TheoryData<string, string, string, string?, int, string> Cases => new()
    {
        // method, path, probe (what must not change), body, status, field named in the problem
        { "PUT", "/api/districts/622/level", "/api/districts/622", """{"level":"panic"}""", 400, "level" },
        { "PUT", "/api/districts/622/level", "/api/districts/622", """{}""", 400, "level" },
        { "PUT", "/api/districts/622/level", "/api/districts/622", """{"level":"watch","note":"a\u0000b"}""", 400, "note" },
        { "PUT", "/api/districts/622/level", "/api/districts/622", """{"level":""", 400, "body" },
        { "PUT", "/api/districts/622/level", "/api/districts/622", """["watch"]""", 400, "body" },
        { "PUT", "/api/districts/622/level", "/api/districts/622", """{"level":42}""", 400, "level" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"sideways","power":"grid"}""", 400, "health" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up"}""", 400, "power" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up","power":"grid","batteryMinutes":"x"}""", 400, "batteryMinutes" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up","power":"grid","batteryMinutes":99999999999999999999}""", 400, "batteryMinutes" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up","power":"grid","batteryMinutes":-5}""", 400, "batteryMinutes" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up","power":"grid","causes":["aliens"]}""", 400, "causes" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up","power":"grid","at":"2999-01-01T00:00:00Z"}""", 422, "at" },
        { "POST", "/api/sites/bts-622-0002/reports", "/api/sites/bts-622-0002", """{"health":"up","power":"grid","at":"yesterday"}""", 400, "at" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"Bad Id!","operator":"vnpt","kind":"bts","location":{{Point}} }""", 400, "id" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"bad.site","operator":"vnpt","kind":"satellite","location":{{Point}} }""", 400, "kind" },
        { "POST", "/api/sites", "/api/sites/bad.site", """{"id":"bad.site","operator":"vnpt","kind":"bts","location":{"type":"Point","coordinates":[105.85,21.03]} }""", 422, "location" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"bad.site","operator":"vnpt","kind":"bts","location":{{Square}} }""", 400, "location" },
        { "POST", "/api/sites", "/api/sites/bad.site", """{"id":"bad.site","operator":"vnpt","kind":"bts","location":{"type":"Point","coordinates":[999,13]} }""", 400, "location" },
        { "POST", "/api/sites", "/api/sites/bad.site", """{"id":"bad.site","operator":"vnpt","kind":"bts"}""", 400, "location" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"bad.site","kind":"bts","location":{{Point}} }""", 400, "operator" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"bad.site","operator":"vnpt","kind":"bts","location":{{Point}},"coverageRadiusM":0}""", 400, "coverageRadiusM" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"bad.site","operator":"vnpt","kind":"bts","location":{{Point}},"upstreamSiteId":"bad.site"}""", 400, "upstreamSiteId" },
        { "POST", "/api/sites", "/api/sites/bad.site", $$"""{"id":"{{new string('a', 65)}}","operator":"vnpt","kind":"bts","location":{{Point}} }""", 400, "id" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(BowTie), 422, "geometry" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Point), 400, "geometry" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Hanoi), 422, "geometry" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone("""{"type":"Polygon","coordinates":"nope"}"""), 400, "geometry" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Square, """{"districtId":"999","name":"x"}"""), 422, "properties.districtId" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Square, """{"districtId":"622"}"""), 400, "properties.name" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Square).Replace("\"Feature\"", "\"FeatureCollection\""), 400, "type" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Square, id: "ZONE 1"), 400, "id" },
        { "PUT", "/api/zones/zone-put-target", "/api/zones/zone-put-target", Zone(Square, id: "another-id"), 400, "id" },
        { "POST", "/api/checkpoints", "/api/checkpoints/bad-cp", $$"""{"id":"bad-cp","name":"Chốt","location":{{Point}},"wifi":"maybe"}""", 400, "wifi" },
        { "POST", "/api/checkpoints", "/api/checkpoints/bad-cp", $$"""{"id":"bad-cp","location":{{Point}} }""", 400, "name" },
        // A right-to-left override would flip the labels beside the name in the panels.
        { "POST", "/api/checkpoints", "/api/checkpoints/bad-cp", $$"""{"id":"bad-cp","name":"Chốt \u202Egnaig\u202C","location":{{Point}} }""", 400, "name" },
        { "POST", "/api/zones", "/api/zones/bad-zone", Zone(Square, """{"districtId":"622","name":"Khu \u2067cách ly\u2069"}"""), 400, "properties.name" },
        { "PUT", "/api/districts/622/level", "/api/districts/622", """{"level":"watch","note":"a\u200Bb"}""", 400, "note" },
        { "POST", "/api/checkpoints", "/api/checkpoints/bad-cp", $$"""{"id":"bad-cp","name":"Chốt","location":{{Point}},"districtId":"999"}""", 422, "districtId" },
        { "PATCH", "/api/checkpoints/cp-ql19-an-khe", "/api/checkpoints/cp-ql19-an-khe", """{"status":"open"}""", 400, "status" },
        { "PATCH", "/api/checkpoints/cp-ql19-an-khe", "/api/checkpoints/cp-ql19-an-khe", """{"wifiOperator":"Viettel Telecom"}""", 400, "wifiOperator" },
        { "POST", "/api/postal/offices", "/api/postal/offices/bad-office", $$"""{"id":"bad-office","operator":"vnpost","location":{{Point}} }""", 400, "name" },
        { "POST", "/api/postal/offices/vnpost-622/reports", "/api/postal/offices/vnpost-622", """{"status":"burning"}""", 400, "status" },
        { "POST", "/api/postal/routes", "/api/postal/routes/bad-route", $$"""{"type":"Feature","id":"bad-route","geometry":{{Square}},"properties":{"operator":"vnpost","name":"x"} }""", 400, "geometry" },
        { "POST", "/api/postal/routes", "/api/postal/routes/bad-route", """{"type":"Feature","id":"bad-route","geometry":{"type":"LineString","coordinates":[[108,13.9],[108.1,14]]},"properties":{"operator":"vnpost","name":"x","stopOfficeIds":["Bad Office"]} }""", 400, "properties.stopOfficeIds" },
        { "POST", "/api/postal/routes/vnpost-feeder-625/reports", "/api/postal/routes/vnpost-feeder-625", """{"status":"late"}""", 400, "status" },
        { "POST", "/api/reports", "/api/sites/bts-622-0002", """{"reports":"all of them"}""", 400, "reports" },
        { "POST", "/api/reports", "/api/sites/bts-622-0002", """{"reports":[{"siteId":"bts-622-0002","health":"up","power":"grid"}],"extra":""" + new string('[', 200) + new string(']', 200) + "}", 400, "body" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing(string method, string path, string probe, string? body, int status, string field)
    {
        await EnsureZonePutTarget();
        var before = await api.Probe(probe);

        using var response = await api.Send(new HttpMethod(method), path, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem does not name '{field}': {text}");
        Assert.DoesNotContain("   at ", text);
        Assert.Equal(before, await api.Probe(probe));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_its_content_type_is_refused()
    {
        var before = await api.Probe("/api/districts/622");

        using var response = await api.Send(HttpMethod.Put, "/api/districts/622/level", """{"level":"watch"}""", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await api.Probe("/api/districts/622"));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_before_it_is_read()
    {
        var before = await api.Probe("/api/districts/622");
        var huge = """{"level":"watch","note":" """ + new string('x', 2 * 1024 * 1024) + "\"}";

        using var response = await api.Send(HttpMethod.Put, "/api/districts/622/level", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await api.Probe("/api/districts/622"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_is_read_whole_past_what_is_set_aside_before_it_arrives(bool undeclaredLength)
    {
        var before = await api.Probe("/api/districts/622");
        // 200 KB of whitespace inside the object: only a body read to its end parses, and then the
        // refusal names the bad level, not the body.
        var padded = """{"level":"panic" """ + new string(' ', 200 * 1024) + "}";
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/districts/622/level") { Content = ApiServer.JsonBody(padded) };
        request.Headers.TransferEncodingChunked = undeclaredLength;

        using var response = await api.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("level", out _), $"the problem does not name 'level': {text}");
        Assert.Equal(before, await api.Probe("/api/districts/622"));
    }

    [Fact]
    public async Task A_body_of_undeclared_length_over_the_size_limit_is_refused()
    {
        var before = await api.Probe("/api/districts/622");
        var huge = """{"level":"watch","note":" """ + new string('x', 2 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/districts/622/level") { Content = ApiServer.JsonBody(huge) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await api.Probe("/api/districts/622"));
    }

    private async Task EnsureZonePutTarget()
    {
        if ((await api.Probe("/api/zones/zone-put-target")).StartsWith("404"))
            (await api.Send(HttpMethod.Post, "/api/zones", Zone(Square, id: "zone-put-target"))).EnsureSuccessStatusCode();
    }
}
