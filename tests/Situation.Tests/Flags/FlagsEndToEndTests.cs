using System.Net;
using System.Text;
using System.Text.Json;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Flags;

[CollectionDefinition(Name)]
public sealed class FlagsServerCollection : ICollectionFixture<ApiServer>
{
    public const string Name = "flags server";
}

/// <summary>The flags on the demo province, end to end: over HTTP and over the hub, raised and cleared.</summary>
[Collection(FlagsServerCollection.Name)]
public sealed class FlagsEndToEndTests(ApiServer api)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string[]> FlagIds(string query) =>
        (await api.Server.GetJson($"/api/flags{query}")).EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();

    private async Task Post(string path, string body) => await Json(await api.Send(HttpMethod.Post, path, body));

    private static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        const double R = 6_371_008.8;
        var (p1, p2) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180);
        var (dp, dl) = (p2 - p1, (lon2 - lon1) * Math.PI / 180);
        var a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    private async Task ReportAll(IEnumerable<string> siteIds, string health, string power = "grid", int? battery = null)
    {
        var items = siteIds.Select(id => $$"""{"siteId":"{{id}}","health":"{{health}}","power":"{{power}}"{{(battery is { } b ? $",\"batteryMinutes\":{b}" : "")}} }""");
        await Post("/api/reports", "{\"reports\":[" + string.Join(",", items) + "]}");
    }

    [Fact]
    public async Task Suspending_every_route_and_closing_every_office_of_a_district_raises_a_postal_gap_that_clears_when_service_returns()
    {
        const string flag = "postal_gap.district.625";
        await using var mirror = await LiveMirror.Connect(api.Server, "district:625");
        var routes = (await api.Server.GetJson("/api/postal/routes?district=625")).GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
        var offices = (await api.Server.GetJson("/api/postal/offices?district=625")).GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.NotEmpty(routes);
        Assert.Equal(2, offices.Length);

        foreach (var route in routes) await Post($"/api/postal/routes/{route}/reports", """{"status":"suspended"}""");
        foreach (var office in offices) await Post($"/api/postal/offices/{office}/reports", """{"status":"closed"}""");
        await mirror.WaitUntil(m => m.Holds("flag", flag), Bound, "the postal gap reaches the district's subscriber");

        Assert.Contains(flag, await FlagIds("?district=625&kind=postal_gap"));
        var raised = mirror.DataOf("flag", flag)!.Value;
        Assert.Equal(("warning", "625"), (raised.GetProperty("severity").GetString(), raised.GetProperty("districtId").GetString()));
        var counters = (await api.Server.GetJson("/api/districts")).GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "625").GetProperty("properties").GetProperty("counters");
        Assert.Equal((0, 1), (counters.GetProperty("officesOpen").GetInt32(), counters.GetProperty("openFlags").GetProperty("postal_gap").GetInt32()));

        await Post($"/api/postal/offices/{offices[0]}/reports", """{"status":"open"}""");
        await mirror.WaitUntil(m => !m.Holds("flag", flag), Bound, "the cleared flag reaches the subscriber as deleted");
        Assert.DoesNotContain(flag, await FlagIds("?district=625"));
        foreach (var route in routes) await Post($"/api/postal/routes/{route}/reports", """{"status":"running"}""");
    }

    [Fact]
    public async Task Taking_down_every_site_around_a_zone_raises_a_critical_connectivity_gap_that_what_if_foresaw_and_that_clears_on_recovery()
    {
        // A 1 km square quarantine zone in the town of KBang.
        var (lon, lat) = (108.5996, 14.1415);
        var zone = $"zone-kbang-{Guid.NewGuid():N}"[..20];
        var flag = $"connectivity_gap.zone.{zone}";
        var square = $$"""{"type":"Polygon","coordinates":[[[{{lon - 0.0046}},{{lat - 0.0045}}],[{{lon + 0.0046}},{{lat - 0.0045}}],[{{lon + 0.0046}},{{lat + 0.0045}}],[{{lon - 0.0046}},{{lat + 0.0045}}],[{{lon - 0.0046}},{{lat - 0.0045}}]]]}""";
        await using var mirror = await LiveMirror.Connect(api.Server, "province");
        await Post("/api/zones", $$"""{"type":"Feature","id":"{{zone}}","geometry":{{square}},"properties":{"districtId":"625","name":"Tổ dân phố 3, thị trấn Kbang"} }""");

        var around = (await api.Server.GetJson("/api/sites")).GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").GetProperty("kind").GetString() == "bts")
            .Where(f =>
            {
                var c = f.GetProperty("geometry").GetProperty("coordinates");
                return Metres(c[0].GetDouble(), c[1].GetDouble(), lon, lat) < f.GetProperty("properties").GetProperty("coverageRadiusM").GetInt32() + 800;
            })
            .Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.NotEmpty(around);

        var whatIf = await api.Server.GetJson("/api/what-if?" + string.Join("&", around.Select(id => $"site={id}")));
        var foreseen = whatIf.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetProperty("id").GetString() == zone);
        Assert.Equal(("raised", "critical", 0.0), (foreseen.GetProperty("effect").GetString(), foreseen.GetProperty("severityIfDown").GetString(), foreseen.GetProperty("nowIfDown").GetDouble()));
        Assert.DoesNotContain(flag, await FlagIds(""));

        await ReportAll(around, "down");
        await mirror.WaitUntil(m => m.Holds("flag", flag), Bound, "the connectivity gap reaches the hub");
        var raised = (await api.Server.GetJson("/api/flags?kind=connectivity_gap")).EnumerateArray().Single(f => f.GetProperty("id").GetString() == flag);
        Assert.Equal("critical", raised.GetProperty("severity").GetString());
        Assert.Equal(0, raised.GetProperty("detail").GetProperty("now").GetDouble());
        Assert.True(raised.GetProperty("detail").GetProperty("base").GetDouble() > 0.99);

        using var leader = await api.Server.ClientFor("leader");
        var acked = await Json(await leader.PostAsync($"/api/flags/{flag}/ack", null));
        Assert.Equal("leader", acked.GetProperty("acks")[0].GetProperty("by").GetString());
        await mirror.WaitUntil(m => m.DataOf("flag", flag) is { } f && f.GetProperty("acks").GetArrayLength() == 1, Bound, "the acknowledgement reaches the hub");

        await ReportAll(around, "up");
        await mirror.WaitUntil(m => !m.Holds("flag", flag), Bound, "the gap clears on the hub");
        Assert.DoesNotContain(flag, await FlagIds(""));
    }

    [Fact]
    public async Task The_power_priority_queue_puts_a_site_that_covers_a_zone_before_one_that_covers_none()
    {
        var (lon, lat) = (108.0811822, 13.6954301); // Chư Sê town
        var zone = $"zone-chuse-{Guid.NewGuid():N}"[..20];
        var square = $$"""{"type":"Polygon","coordinates":[[[{{lon - 0.002}},{{lat - 0.002}}],[{{lon + 0.002}},{{lat - 0.002}}],[{{lon + 0.002}},{{lat + 0.002}}],[{{lon - 0.002}},{{lat + 0.002}}],[{{lon - 0.002}},{{lat - 0.002}}]]]}""";
        await Post("/api/zones", $$"""{"type":"Feature","id":"{{zone}}","geometry":{{square}},"properties":{"districtId":"633","name":"Khu phố 4"} }""");
        var sites = (await api.Server.GetJson("/api/sites?district=633")).GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").GetProperty("kind").GetString() == "bts")
            .Select(f => (Id: f.GetProperty("id").GetString()!, Radius: f.GetProperty("properties").GetProperty("coverageRadiusM").GetInt32(),
                Distance: Metres(f.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), f.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble(), lon, lat)))
            .OrderBy(s => s.Distance).ToArray();
        var nearest = sites.First().Id;
        var farthest = sites.Last().Id;
        // The town is dense: leave the nearest site the only one reaching the zone, so losing it loses the zone.
        var others = sites.Skip(1).Where(s => s.Distance < s.Radius + 500).Select(s => s.Id).ToArray();
        await ReportAll(others, "down");

        await ReportAll([nearest], "up", "battery", 200);
        await ReportAll([farthest], "up", "battery", 20);
        var queue = (await api.Server.GetJson("/api/power-priority")).EnumerateArray().ToArray();

        var near = queue.Single(q => q.GetProperty("siteId").GetString() == nearest);
        var far = queue.Single(q => q.GetProperty("siteId").GetString() == farthest);
        Assert.True(near.GetProperty("rank").GetInt32() < far.GetProperty("rank").GetInt32());
        Assert.Contains(zone, near.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        Assert.True(near.GetProperty("zoneLossKm2").GetDouble() > 0);
        Assert.Equal(0, far.GetProperty("zoneLossKm2").GetDouble());
        await ReportAll([nearest, farthest, .. others], "up");
    }

    [Theory]
    [InlineData("/api/flags?kind=everything", HttpStatusCode.BadRequest)]
    [InlineData("/api/flags?district=Not%20A%20Code", HttpStatusCode.BadRequest)]
    [InlineData("/api/what-if", HttpStatusCode.BadRequest)]
    [InlineData("/api/what-if?site=Bad%20Id", HttpStatusCode.BadRequest)]
    [InlineData("/api/what-if?site=no-such-site", HttpStatusCode.NotFound)]
    public async Task Bad_flag_queries_are_problems(string path, HttpStatusCode status)
    {
        using var response = await api.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Acknowledging_a_flag_that_is_not_open_is_a_404()
    {
        using var response = await api.Send(HttpMethod.Post, "/api/flags/connectivity_gap.zone.nowhere/ack", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_exchange_going_down_takes_its_base_stations_down_for_transport_under_one_root_cause_flag()
    {
        const string exchange = "viettel-ex-630";
        const string flag = "upstream_outage.site.viettel-ex-630";
        var behind = (await api.Server.GetJson("/api/sites?district=630&operator=viettel")).GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").TryGetProperty("upstreamSiteId", out var up) && up.GetString() == exchange)
            .Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.NotEmpty(behind);
        await using var mirror = await LiveMirror.Connect(api.Server, "district:630");

        await ReportAll([exchange], "down");
        await mirror.WaitUntil(m => m.Holds("flag", flag) && behind.All(id => m.DataOf("site", id)?.GetProperty("upstreamDown").GetBoolean() == true),
            Bound, "the outage flag and the sites cut off behind the exchange");

        var site = await api.Server.GetView($"/api/sites/{behind[0]}");
        Assert.Equal(("up", "down"), (site.GetProperty("health").GetString(), site.GetProperty("effectiveHealth").GetString()));
        var flags = (await api.Server.GetJson("/api/flags?district=630")).EnumerateArray().ToArray();
        var outage = Assert.Single(flags, f => f.GetProperty("kind").GetString() == "upstream_outage");
        Assert.Equal(behind.Length, outage.GetProperty("detail").GetProperty("bts").GetDouble());
        Assert.DoesNotContain(flags, f => f.GetProperty("kind").GetString() == "stale_report");

        await ReportAll([exchange], "up");
        await mirror.WaitUntil(m => !m.Holds("flag", flag) && behind.All(id => m.DataOf("site", id)?.GetProperty("effectiveHealth").GetString() == "up"),
            Bound, "the recovery");
    }
}
