using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Situation.Tests.History;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Alerts;

/// <summary>
/// CAP 1.2 alerts: a zone declared and lifted, a district's level changed and a critical flag raised
/// each give an alert, listed, served as a CAP document that validates against the CAP 1.2 schema
/// (libxml2's xmllint: the elements in the standard's order, its code lists, its time and polygon
/// forms) with a Vietnamese and an English info block and the area drawn; and as an Atom feed.
/// </summary>
public sealed class CapAlertTests(ScriptedDayServer fixture) : IClassFixture<ScriptedDayServer>
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private InProcessServer Server => fixture.Server;

    [Fact]
    public async Task Zones_levels_and_critical_flags_give_CAP_alerts_that_validate_and_an_Atom_feed_that_links_them()
    {
        await using var mirror = await LiveMirror.Connect(Server, "province");
        var start = await Settle.Picture(Server, mirror);
        var since = fixture.Clock.GetUtcNow();
        var zone = $"zone-cap-{Guid.NewGuid():N}"[..20];
        var site = start.GetProperty("sites").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .First(s => s.GetProperty("districtId").GetString() == "639" && s.GetProperty("kind").GetString() == "bts" && s.GetProperty("effectiveHealth").GetString() == "up")
            .GetProperty("id").GetString()!;

        await Step(mirror, "POST", "/api/zones", $$$"""{"type":"Feature","id":"{{{zone}}}","geometry":{"type":"Polygon","coordinates":[[[108.05,13.49],[108.08,13.49],[108.08,13.52],[108.05,13.52],[108.05,13.49]]]},"properties":{"districtId":"639","name":"Thôn Plei Bông"}}""");
        await Step(mirror, "PUT", "/api/districts/639/level", """{"level":"lockdown","note":"Phong tỏa theo Chỉ thị 126"}""");
        await Step(mirror, "POST", $"/api/sites/{site}/reports", """{"health":"up","power":"battery","batteryMinutes":20,"causes":["power"]}""");
        await Step(mirror, "POST", $"/api/zones/{zone}/lift", null);

        var listed = (await Server.GetJson($"/api/alerts?since={Uri.EscapeDataString(since.ToString("O"))}")).GetProperty("items").EnumerateArray().ToList();
        var kinds = listed.Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("subjectId").GetString())).ToList();
        Assert.Contains(("zone_declared", zone), kinds);
        Assert.Contains(("zone_lifted", zone), kinds);
        Assert.Contains(("district_level", "639"), kinds);
        Assert.Contains(listed, a => a.GetProperty("kind").GetString() == "critical_flag" && a.GetProperty("subjectId").GetString() == site);
        Assert.Equal(listed.Select(a => a.GetProperty("sent").GetDateTimeOffset()).OrderDescending(), listed.Select(a => a.GetProperty("sent").GetDateTimeOffset()));

        foreach (var alert in listed)
        {
            var xml = await Server.Http.GetStringAsync(alert.GetProperty("cap").GetString());
            await Validate(xml, alert.GetProperty("identifier").GetString()!);
            var document = XDocument.Parse(xml);
            Assert.Equal(alert.GetProperty("identifier").GetString(), document.Root!.Element(Cap + "identifier")!.Value);
            var infos = document.Root.Elements(Cap + "info").ToList();
            Assert.Equal(["vi-VN", "en"], infos.Select(i => i.Element(Cap + "language")!.Value));
            foreach (var info in infos)
            {
                var area = info.Element(Cap + "area")!;
                Assert.False(string.IsNullOrWhiteSpace(area.Element(Cap + "areaDesc")!.Value));
                foreach (var polygon in area.Elements(Cap + "polygon").Select(p => p.Value.Split(' ')))
                    Assert.True(polygon.Length >= 4 && polygon[0] == polygon[^1], $"a polygon of {alert}: closed, at least four points");
            }
        }
        var declared = XDocument.Parse(await Server.Http.GetStringAsync(listed.Single(a => a.GetProperty("kind").GetString() == "zone_declared").GetProperty("cap").GetString()));
        var vi = declared.Root!.Elements(Cap + "info").First();
        Assert.Equal("Lập khu vực cách ly: Thôn Plei Bông (Chư Pưh)", vi.Element(Cap + "headline")!.Value);
        Assert.Equal(("Health", "Immediate", "Severe"), (vi.Element(Cap + "category")!.Value, vi.Element(Cap + "urgency")!.Value, vi.Element(Cap + "severity")!.Value));
        Assert.Equal("13.49,108.05 13.49,108.08 13.52,108.08 13.52,108.05 13.49,108.05", vi.Element(Cap + "area")!.Element(Cap + "polygon")!.Value);

        // The feed: an entry an alert, newest first, each linking to its CAP document.
        using var atom = await Server.Http.GetAsync($"/api/alerts.atom?since={Uri.EscapeDataString(since.ToString("O"))}");
        Assert.Equal("application/atom+xml", atom.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await atom.Content.ReadAsStringAsync());
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(listed.Count, entries.Count);
        foreach (var entry in entries)
        {
            var link = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate");
            Assert.Equal("application/cap+xml", (string?)link.Attribute("type"));
            using var cap = await Server.Http.GetAsync(new Uri((string)link.Attribute("href")!).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, cap.StatusCode);
            Assert.NotEmpty(entry.Element(Atom + "title")!.Value);
        }
    }

    [Fact]
    public async Task An_unknown_alert_or_a_window_that_is_not_one_is_refused()
    {
        using var unknown = await Server.Http.GetAsync("/api/alerts/gialai-zone-declared-nothing-1612234567.xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var garbled = await Server.Http.GetAsync("/api/alerts/not-a-time.xml");
        Assert.Equal(HttpStatusCode.NotFound, garbled.StatusCode);
        foreach (var since in new[] { fixture.Clock.GetUtcNow().AddDays(1), fixture.Clock.GetUtcNow().AddDays(-40) })
        {
            using var response = await Server.Http.GetAsync($"/api/alerts?since={Uri.EscapeDataString(since.ToString("O"))}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("since", out _));
        }
    }

    private async Task Step(LiveMirror mirror, string method, string path, string? body)
    {
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await Settle.After(Server, mirror, method, path, body);
    }

    /// <summary>The document against the CAP 1.2 schema, by libxml2's xmllint (Debian's libxml2-utils).</summary>
    private static async Task Validate(string xml, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cap-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(path, xml);
        try
        {
            var run = await Tool.Run("xmllint", ["--noout", "--schema", Path.Combine(AppContext.BaseDirectory, "Alerts", "cap-1.2.xsd"), path]);
            Assert.True(run.ExitCode == 0, $"{name} does not validate:\n{run.Said}\n{xml}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
