using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Situation.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Situation.Tests.Security;

/// <summary>
/// Hostile input at every endpoint that takes a body or an id: malformed JSON, wrong types, huge
/// numbers, deep nesting, invalid GeoJSON, odd Unicode, oversized bodies, plus seeded random
/// mutations of valid bodies. Never a 5xx, never a stack trace, never a change behind a 4xx, and
/// the process stays healthy.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int RandomMutationsPerEndpoint = FuzzCampaign.Mutations;
    private static readonly int Seed = FuzzCampaign.Seed;
    private readonly string _dataDir = Paths.NewTempDir("fuzz");
    private ServerProcess _server = null!;

    private sealed record Target(string Method, string Path, string ValidBody);

    private static readonly Target[] Targets =
    [
        new("POST", "/api/auth/login", """{"username":"fz-nobody","password":"not-the-password"}"""),
        new("PUT", "/api/districts/622/level", """{"level":"watch","note":"ghi chú"}"""),
        new("POST", "/api/zones", """{"type":"Feature","id":"fz-zone-new","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"Khu","until":"2030-01-01T00:00:00Z"}}"""),
        new("PUT", "/api/zones/fz-zone", """{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"Khu 2"}}"""),
        new("POST", "/api/zones/fz-zone/lift", ""),
        new("POST", "/api/checkpoints", """{"id":"fz-cp-new","name":"Chốt","road":"QL19","location":{"type":"Point","coordinates":[108.0,13.97]},"status":"active","wifi":"ok","wifiOperator":"viettel"}"""),
        new("PATCH", "/api/checkpoints/fz-cp", """{"status":"closed","wifi":"down","wifiOperator":"vnpt","at":"2021-01-28T08:00:00Z"}"""),
        new("POST", "/api/sites", """{"id":"fz-site-new","operator":"viettel","kind":"bts","name":"Trạm","location":{"type":"Point","coordinates":[108.0,13.97]},"coverageRadiusM":3000,"upstreamSiteId":"fz-site"}"""),
        new("POST", "/api/sites/fz-site/reports", """{"health":"down","power":"battery","batteryMinutes":30,"causes":["power"],"at":"2021-01-28T08:00:00Z"}"""),
        new("POST", "/api/reports", """{"reports":[{"siteId":"fz-site","health":"degraded","power":"generator","batteryMinutes":5,"causes":["transport"]}]}"""),
        new("POST", "/api/postal/offices", """{"id":"fz-office-new","operator":"vnpost","name":"Bưu cục","districtId":"622","location":{"type":"Point","coordinates":[108.0,13.97]}}"""),
        new("POST", "/api/postal/offices/fz-office/reports", """{"status":"closed","at":"2021-01-28T08:00:00Z"}"""),
        new("POST", "/api/postal/routes", """{"type":"Feature","id":"fz-route-new","geometry":{"type":"LineString","coordinates":[[107.995,13.965],[108.005,13.975]]},"properties":{"operator":"vnpost","name":"Tuyến","stopOfficeIds":["fz-office"]}}"""),
        new("POST", "/api/postal/routes/fz-route/reports", """{"status":"delayed"}"""),
        new("POST", "/api/flags/fz-no-such-flag/ack", ""),
        new("POST", "/api/users", """{"username":"fz-user-new","password":"a-long-password","role":"district","scope":"622","displayName":"Ủy ban"}"""),
        new("PATCH", "/api/users/fz-user", """{"role":"operator","scope":"viettel","displayName":"X","disabled":false,"password":"another-password"}"""),
        new("POST", "/api/keys", """{"organisation":"viettel","name":"NMS"}"""),
        // The directives' work: contact points, evidence, directives, rosters, declarations.
        new("PUT", "/api/organisations/viettel/contact-point", """{"name":"Nguyễn Văn A","position":"Phó Giám đốc","phone":"0000 000 111","email":"a@example.org"}"""),
        new("POST", "/api/obligations/126-stttt-bcvt.3.1b.viettel/evidence", """{"note":"Phương án","document":"PA-01"}"""),
        new("POST", "/api/directives", """{"id":"fz-letter","number":"9/STTTT","date":"2021-02-05","issuer":"Sở TT&TT","subject":"Thử","clauses":[{"id":"1","text":"Gửi đầu mối","obligations":[{"kind":"contact_point","addressees":["police"],"cadence":"once","deadline":"2021-02-10T00:00:00+07:00"}]}]}"""),
        new("PUT", "/api/organisations/viettel/shifts/fz-shift", """{"duty":"operations","person":"Cán bộ","phone":"0000 000 222","start":"2021-03-01T07:00:00+07:00","end":"2021-03-01T15:00:00+07:00"}"""),
        new("POST", "/api/organisations/viettel/shifts", """{"shifts":[{"id":"fz-import","duty":"leadership","person":"Lãnh đạo","phone":"0000 000 333","start":"2021-03-02T07:00:00+07:00","end":"2021-03-02T19:00:00+07:00"}]}"""),
        new("PUT", "/api/organisations/vnpost/health-declarations/2021-02-01", """{"declared":198,"worked":205}"""),
        // Incidents, crews, passes and checkpoints' checks.
        new("POST", "/api/incidents", """{"id":"fz-inc-new","enterpriseId":"viettel","subjects":[{"type":"site","id":"fz-site"}],"note":"Mất sóng"}"""),
        new("POST", "/api/incidents/fz-inc/steps", """{"state":"crew_dispatched","note":"Đi","person":"Tổ 1","phone":"0000 000 444","crewId":"fz-crew"}"""),
        new("PUT", "/api/organisations/viettel/crews/fz-crew", """{"name":"Tổ ứng cứu","vehiclePlate":"81C-000.03","members":[{"id":"m1","name":"Ksor H'Bia","phone":"0000 000 555"}]}"""),
        new("PUT", "/api/organisations/viettel/crews/fz-crew/members/m1/declaration", """{"day":"2021-02-02"}"""),
        new("POST", "/api/passes", """{"id":"fz-pass-new","enterpriseId":"viettel","crewId":"fz-crew","memberIds":["m1"],"zoneIds":["fz-zone"],"checkpointIds":["fz-cp"],"validFrom":"2030-01-01T00:00:00Z","validUntil":"2030-01-02T00:00:00Z"}"""),
        new("POST", "/api/passes/fz-pass/decision", """{"grant":true,"reason":"Khắc phục sự cố"}"""),
        new("POST", "/api/passes/fz-pass-g/revoke", """{"reason":"Thu hồi"}"""),
        new("POST", "/api/passes/fz-pass-g/crossings", """{"id":"fz-crossing","checkpointId":"fz-cp","direction":"in","at":"2021-01-28T08:00:00Z"}"""),
        new("POST", "/api/passes/verify", """{"token":"SP1.k.e30.AAAA","checkpointId":"fz-cp"}"""),
        // History and reports.
        new("POST", "/api/sitreps", """{"from":"2021-01-27T17:00:00Z","to":"2021-01-28T17:00:00Z"}"""),
    ];

    /// <summary>Values that break assumptions: types, sizes, numbers and text no field expects.</summary>
    private static readonly string[] HostileValues =
    [
        "null", "true", "0", "-1", "1e400", "-1e400", "99999999999999999999999999", "1.7976931348623157e308", "-0", "0.0000000000000000001",
        "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202eevil\"", "\"\\u200b\\u200b\"",
        "\"😷🦠\"", "\"a\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\"", "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"",
        "\"%00%2e%2e\"", "\"NaN\"", "\"Infinity\"", "\"2021-13-45T99:99:99Z\"", "\"Quảng Ngãi – Phòng tỏa\"", "\"" + new string('x', 70_000) + "\"",
        "{\"type\":\"Point\",\"coordinates\":[200,100]}", "{\"type\":\"Point\",\"coordinates\":[\"108\",\"13\"]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[107.99,13.96],[108.01,13.98],[108.01,13.96],[107.99,13.98],[107.99,13.96]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[107.99,13.96],[108.01,13.96],[108.01,13.98]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[]}", "{\"type\":\"LineString\",\"coordinates\":[[108,13.9]]}", "{\"type\":\"GeometryCollection\",\"geometries\":[]}",
        "{\"type\":\"Feature\",\"geometry\":null}",
    ];

    /// <summary>Whole bodies that are not what any endpoint takes.</summary>
    private static IEnumerable<(string Name, string Body, string ContentType)> HostileBodies()
    {
        yield return ("empty", "", "application/json");
        yield return ("null", "null", "application/json");
        yield return ("array", "[]", "application/json");
        yield return ("string", "\"body\"", "application/json");
        yield return ("number", "1e400", "application/json");
        yield return ("truncated", "{\"a\":", "application/json");
        yield return ("trailing comma", "{\"a\":1,}", "application/json");
        yield return ("comment", "{/* */\"a\":1}", "application/json");
        yield return ("single quotes", "{'a':1}", "application/json");
        yield return ("duplicate keys", "{\"id\":\"a\",\"id\":\"b\",\"level\":\"watch\",\"level\":\"lockdown\"}", "application/json");
        yield return ("deep arrays", new string('[', 10_000) + new string(']', 10_000), "application/json");
        yield return ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), "application/json");
        yield return ("oversized", "{\"name\":\"" + new string('x', 2_500_000) + "\"}", "application/json");
        yield return ("not json", "level=watch", "application/x-www-form-urlencoded");
        yield return ("text", "{\"level\":\"watch\"}", "text/plain");
        yield return ("xml", "<level>watch</level>", "application/xml");
        yield return ("bad utf-8", "{\"name\":\"\xC3\x28\"}", "application/json");
        yield return ("bom", "\uFEFF{\"level\":\"watch\"}", "application/json");
    }

    /// <summary>Odd ids in the path where an endpoint takes one.</summary>
    private static readonly string[] HostileIds =
    [
        "%E2%80%AE", "%00", "..%2F..%2Fetc", new string('a', 5000), "%F0%9F%98%B7", "UPPER", "-leading", "a b", "%25", "%C3%28", "a.b..c",
    ];

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.Start(_dataDir);
        foreach (var (path, body) in new[]
                 {
                     ("/api/zones", """{"type":"Feature","id":"fz-zone","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"Khu"}}"""),
                     ("/api/checkpoints", """{"id":"fz-cp","name":"Chốt","location":{"type":"Point","coordinates":[108.0,13.97]},"wifi":"ok","wifiOperator":"viettel"}"""),
                     ("/api/sites", """{"id":"fz-site","operator":"viettel","kind":"exchange","location":{"type":"Point","coordinates":[108.0,13.97]}}"""),
                     ("/api/postal/offices", """{"id":"fz-office","operator":"vnpost","name":"Bưu cục","location":{"type":"Point","coordinates":[108.0,13.97]}}"""),
                     ("/api/postal/routes", """{"type":"Feature","id":"fz-route","geometry":{"type":"LineString","coordinates":[[107.995,13.965],[108.005,13.975]]},"properties":{"operator":"vnpost","name":"Tuyến"}}"""),
                     ("/api/users", """{"username":"fz-user","password":"a-long-password","role":"leader"}"""),
                 })
        {
            using var response = await _server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
        // A crew whose member declared today, an incident, a pass requested and one granted.
        var window = $$"""
            "validFrom":"{{DateTimeOffset.UtcNow.AddMinutes(-5):O}}","validUntil":"{{DateTimeOffset.UtcNow.AddDays(2):O}}"
            """.Trim();
        foreach (var (method, path, body) in new[]
                 {
                     ("PUT", "/api/organisations/viettel/crews/fz-crew", """{"name":"Tổ ứng cứu","members":[{"id":"m1","name":"Ksor H'Bia","phone":"0000 000 555"}]}"""),
                     ("PUT", "/api/organisations/viettel/crews/fz-crew/members/m1/declaration", "{}"),
                     ("POST", "/api/incidents", """{"id":"fz-inc","enterpriseId":"viettel","subjects":[{"type":"site","id":"fz-site"}]}"""),
                     ("POST", "/api/incidents/fz-inc/steps", """{"state":"acknowledged"}"""),
                     ("POST", "/api/passes", $$"""{"id":"fz-pass","enterpriseId":"viettel","crewId":"fz-crew","memberIds":["m1"],"zoneIds":["fz-zone"],"checkpointIds":["fz-cp"],{{window}}}"""),
                     ("POST", "/api/passes", $$"""{"id":"fz-pass-g","enterpriseId":"viettel","crewId":"fz-crew","memberIds":["m1"],"zoneIds":["fz-zone"],"checkpointIds":["fz-cp"],{{window}}}"""),
                     ("POST", "/api/passes/fz-pass-g/decision", """{"grant":true}"""),
                 })
        {
            using var response = await _server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>The newest audit record any admin change made: a 4xx must not move it.</summary>
    private async Task<long> LastChange() =>
        (await _server.GetJson("/api/audit?user=admin&limit=1")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()).FirstOrDefault();

    private static IEnumerable<(string Name, string Path, byte[] Body, string ContentType)> Cases(Target target, Random random)
    {
        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        foreach (var (name, body, type) in HostileBodies())
            yield return (name, target.Path, name == "bad utf-8" ? Encoding.Latin1.GetBytes(body) : Utf8(body), type);
        if (target.ValidBody.Length > 0)
        {
            var fields = Leaves(JsonNode.Parse(target.ValidBody)!).ToList();
            // Each field in turn gets each kind of wrong value...
            foreach (var (path, _) in fields)
                foreach (var value in new[] { "null", "1e400", "[]", "{}", "\"\\ud800\"", "true" })
                    yield return ($"{path}={Short(value)}", target.Path, Utf8(Replace(target.ValidBody, [(path, value)])), "application/json");
            // ... and then random combinations of any hostile value in any field.
            for (var i = 0; i < RandomMutationsPerEndpoint; i++)
            {
                var changes = Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => (fields[random.Next(fields.Count)].Path, HostileValues[random.Next(HostileValues.Length)])).ToList();
                yield return ("random " + string.Join(" ", changes.Select(c => $"{c.Path}={Short(c.Item2)}")), target.Path,
                    Utf8(Replace(target.ValidBody, changes)), "application/json");
            }
        }
        var idSegment = target.Path.Split('/').FirstOrDefault(s => s.StartsWith("fz-", StringComparison.Ordinal) || s == "622");
        if (idSegment is not null)
            foreach (var id in HostileIds)
                yield return ($"id {Short(id)}", target.Path.Replace("/" + idSegment, "/" + id), Utf8(target.ValidBody), "application/json");
    }

    private static string Short(string value) => value.Length > 24 ? value[..24] + "…" : value;

    /// <summary>Every leaf and every object or array in a body, by path (a.b[0]).</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    yield return (path, child);
                    if (child is JsonObject or JsonArray)
                        foreach (var inner in Leaves(child!, path)) yield return inner;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < Math.Min(a.Count, 2); i++)
                {
                    var path = $"{prefix}[{i}]";
                    yield return (path, a[i]);
                    if (a[i] is JsonObject or JsonArray)
                        foreach (var inner in Leaves(a[i]!, path)) yield return inner;
                }
                break;
        }
    }

    /// <summary>
    /// The body with the values at the paths replaced by raw JSON text (which need not be valid):
    /// markers go in while the body is still a tree, the raw text replaces them at the end. A path
    /// inside a value already replaced is left out.
    /// </summary>
    private static string Replace(string body, IReadOnlyList<(string Path, string Raw)> changes)
    {
        var root = JsonNode.Parse(body)!;
        var applied = new List<(string Marker, string Raw)>();
        foreach (var (path, raw) in changes)
        {
            var marker = $"__fuzz_{applied.Count}__";
            var parent = root;
            var steps = path.Replace("[", ".[").Split('.', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < steps.Length && parent is JsonObject or JsonArray; i++)
            {
                var last = i == steps.Length - 1;
                if (steps[i].StartsWith('['))
                {
                    var (array, index) = (parent.AsArray(), int.Parse(steps[i][1..^1]));
                    if (index >= array.Count) break;
                    if (last) { array[index] = JsonValue.Create(marker); applied.Add((marker, raw)); }
                    else parent = array[index]!;
                }
                else
                {
                    var obj = parent.AsObject();
                    if (!obj.ContainsKey(steps[i])) break;
                    if (last) { obj[steps[i]] = JsonValue.Create(marker); applied.Add((marker, raw)); }
                    else parent = obj[steps[i]]!;
                }
            }
        }
        var text = root.ToJsonString();
        foreach (var (marker, raw) in applied)
            text = text.Replace($"\"{marker}\"", raw);
        return text;
    }

    [Fact]
    public async Task Hostile_input_never_gets_a_5xx_never_changes_state_and_the_process_stays_healthy()
    {
        var random = new Random(Seed);
        var total = 0;
        var accepted = 0;
        var parserRefusals = 0;
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();
        foreach (var target in Targets)
        {
            var endpointCases = 0;
            foreach (var (name, path, body, contentType) in Cases(target, random).ToList())
            {
                var before = await LastChange();
                HttpResponseMessage response;
                try
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    response = await _server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(target.Method), path) { Content = content });
                }
                catch (HttpRequestException error)
                {
                    failures.Add($"{target.Method} {target.Path} [{name}]: no answer ({error.Message})");
                    continue;
                }
                using (response)
                {
                    total++;
                    endpointCases++;
                    var status = (int)response.StatusCode;
                    byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                    var text = await response.Content.ReadAsStringAsync();
                    if (status >= 500)
                        failures.Add($"{target.Method} {path[..Math.Min(path.Length, 60)]} [{name}]: {status} {text[..Math.Min(text.Length, 300)]}");
                    if (text.Contains("   at ") || text.Contains("Exception"))
                        failures.Add($"{target.Method} {target.Path} [{name}]: internals in the body: {text[..Math.Min(text.Length, 300)]}");
                    // A NUL in the request target is refused by Kestrel's HTTP parser itself, before any
                    // application code: a bodiless 400 that closes the connection. Counted apart.
                    var refusedByHttpParser = status == 400 && response.Headers.ConnectionClose == true && text.Length == 0;
                    if (refusedByHttpParser) parserRefusals++;
                    if (status >= 400)
                    {
                        if (!refusedByHttpParser && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                            failures.Add($"{target.Method} {target.Path} [{name}]: {status} is not problem+json");
                        if (await LastChange() != before)
                            failures.Add($"{target.Method} {target.Path} [{name}]: {status} but state changed");
                    }
                    else
                    {
                        accepted++;
                    }
                }
            }
            output.WriteLine($"{target.Method} {target.Path}: {endpointCases} cases");
        }

        using var health = await _server.Http.GetAsync("/healthz");
        using var snapshot = await _server.Http.GetAsync("/api/situation");
        JsonDocument.Parse(await snapshot.Content.ReadAsStringAsync()).Dispose();
        output.WriteLine($"seed {Seed}, {Targets.Length} endpoints, {total} cases; {accepted} accepted as valid; {parserRefusals} refused by the HTTP parser; statuses {string.Join(", ", byStatus.Select(s => $"{s.Key}×{s.Value}"))}");

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }
}
