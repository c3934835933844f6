using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Situation.Contracts.Entities;
using Situation.Contracts.History;
using Situation.Server.History;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.History;

/// <summary>
/// A demo province on a manual clock through a scripted day, one step every 90 minutes: sites go
/// down on battery and come back, a zone is declared and lifted, a checkpoint loses its wifi, a
/// district's level and a post office's status change.
/// </summary>
public sealed class ReplayTests(ScriptedDayServer fixture) : IClassFixture<ScriptedDayServer>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(90);

    private InProcessServer Server => fixture.Server;

    [Fact]
    public async Task Replay_of_each_moment_of_a_scripted_day_equals_the_live_picture_the_clients_held_then()
    {
        await using var mirror = await LiveMirror.Connect(Server, "province");
        var start = await Settle.Picture(Server, mirror);
        await FlagLogHolds(start);
        var sites = Ids(start, "sites", f => f.GetProperty("properties").GetProperty("districtId").GetString() == "622"
            && f.GetProperty("properties").GetProperty("kind").GetString() == "bts").Take(4).ToArray();
        var checkpoint = Ids(start, "checkpoints", _ => true).First();
        var office = Ids(start, "offices", _ => true).First();
        var zone = $"zone-replay-{Guid.NewGuid():N}"[..24];
        var script = new List<(string Method, string Path, string? Body)>
        {
            ("POST", $"/api/sites/{sites[0]}/reports", """{"health":"down","power":"battery","batteryMinutes":50,"causes":["power"]}"""),
            ("POST", "/api/zones", $$$"""{"type":"Feature","id":"{{{zone}}}","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"Tổ 5, phường Ia Kring"}}"""),
            ("POST", $"/api/sites/{sites[1]}/reports", """{"health":"down","power":"none","causes":["power","transport"]}"""),
            ("PATCH", $"/api/checkpoints/{checkpoint}", """{"wifi":"down"}"""),
            ("PUT", "/api/districts/622/level", """{"level":"lockdown","note":"Phong tỏa theo Chỉ thị 126"}"""),
            ("POST", $"/api/postal/offices/{office}/reports", """{"status":"closed"}"""),
            ("POST", $"/api/sites/{sites[2]}/reports", """{"health":"degraded","power":"battery","batteryMinutes":120,"causes":["damage"]}"""),
            ("POST", $"/api/sites/{sites[0]}/reports", """{"health":"up","power":"grid","causes":[]}"""),
            ("PATCH", $"/api/checkpoints/{checkpoint}", """{"wifi":"ok"}"""),
            ("POST", $"/api/sites/{sites[3]}/reports", """{"health":"down","power":"battery","batteryMinutes":15,"causes":["power"]}"""),
            ("POST", $"/api/zones/{zone}/lift", null),
            ("POST", $"/api/postal/offices/{office}/reports", """{"status":"open"}"""),
            ("POST", $"/api/sites/{sites[1]}/reports", """{"health":"up","power":"grid","causes":[]}"""),
            ("PUT", "/api/districts/622/level", """{"level":"normal","note":null}"""),
            ("POST", $"/api/sites/{sites[2]}/reports", """{"health":"up","power":"grid","causes":[]}"""),
            ("POST", $"/api/sites/{sites[3]}/reports", """{"health":"up","power":"grid","causes":[]}"""),
        };

        var held = new List<(DateTimeOffset At, JsonElement Picture)> { (fixture.Clock.GetUtcNow(), start) };
        foreach (var (method, path, body) in script)
        {
            fixture.Clock.Advance(Step);
            held.Add((fixture.Clock.GetUtcNow(), await Settle.After(Server, mirror, method, path, body)));
            await Server.Services.GetRequiredService<HistorySnapshots>().TakeDue();
        }
        fixture.Clock.Advance(Step);
        await Server.Services.GetRequiredService<HistorySnapshots>().TakeDue();

        var differences = new List<string>();
        foreach (var (at, picture) in held)
        {
            // The moment itself, and a while after it when nothing had happened yet.
            foreach (var moment in new[] { at, at + Step / 2 })
            {
                var replayed = await Server.GetJson($"/api/situation?at={Uri.EscapeDataString(moment.ToString("O"))}");
                Assert.Equal(moment, replayed.GetProperty("at").GetDateTimeOffset());
                differences.AddRange(Compare(picture, replayed).Select(d => $"{moment:HH:mm}: {d}"));
            }
        }
        Assert.True(differences.Count == 0, $"{differences.Count} differences; the first: {string.Join("\n", differences.Take(10))}");

        // The day was told by steps that changed the picture: replay saw them, not the same picture throughout.
        Assert.NotEqual(Versions(held[0].Picture), Versions(held[^1].Picture));
        Assert.Contains(held, h => h.Picture.GetProperty("zones").GetProperty("features").EnumerateArray().Any(f => f.GetProperty("id").GetString() == zone));
        Assert.Contains(held, h => h.Picture.GetProperty("flags").EnumerateArray().Any(f => f.GetProperty("kind").GetString() == "checkpoint_no_wifi"
            && f.GetProperty("subject").GetProperty("id").GetString() == checkpoint));
        // Replay read most moments from a snapshot taken during the day, and the records after it.
        var store = Server.Services.GetRequiredService<IHistoryStore>();
        var fromSnapshots = 0;
        foreach (var (at, _) in held)
            if ((await store.LatestSnapshot(at))?.At > held[0].At) fromSnapshots++;
        Assert.True(fromSnapshots >= held.Count - 2, $"{fromSnapshots} of {held.Count} moments had a snapshot of the day before them");
        var before = await Server.GetJson($"/api/situation?at={Uri.EscapeDataString((held[0].At - TimeSpan.FromDays(2)).ToString("O"))}");
        Assert.Empty(before.GetProperty("sites").GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task A_moment_that_is_not_a_time_or_is_still_to_come_is_refused_with_the_field_named()
    {
        foreach (var (at, status) in new[] { ("yesterday", HttpStatusCode.BadRequest), ("2021-13-45T99:00:00Z", HttpStatusCode.BadRequest),
                     (DateTimeOffset.UtcNow.AddDays(3).ToString("O"), HttpStatusCode.UnprocessableEntity) })
        {
            using var response = await Server.Http.GetAsync($"/api/situation?at={Uri.EscapeDataString(at)}");
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("at", out _), problem.ToString());
        }
    }

    /// <summary>
    /// Waits, bounded, until replay of this moment shows the picture's flags. A flag the engine
    /// raised at start-up can reach a client in its first snapshot before the feed has sent it,
    /// and the flag log stamps a change with the time the feed sent it: on this test's clock, which
    /// jumps 90 minutes a step, a send that came after the first step would date the flag then.
    /// </summary>
    private async Task FlagLogHolds(JsonElement picture)
    {
        var at = Uri.EscapeDataString(fixture.Clock.GetUtcNow().ToString("O"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var replayed = await Server.GetJson($"/api/situation?at={at}");
            var missing = Differences("flag", ById(picture.GetProperty("flags")), ById(replayed.GetProperty("flags"))).ToList();
            if (missing.Count == 0)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"The flag log did not catch up with the start in 10 s: {missing[0]}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static Dictionary<(string Type, string Id), long> Versions(JsonElement picture) => LiveMirror.VersionsIn(picture);

    private static IEnumerable<string> Ids(JsonElement picture, string section, Func<JsonElement, bool> which) =>
        picture.GetProperty(section).GetProperty("features").EnumerateArray().Where(which).Select(f => f.GetProperty("id").GetString()!);

    /// <summary>Entity by entity (the whole feature) and flag by flag (the whole flag), what differs.</summary>
    private static IEnumerable<string> Compare(JsonElement live, JsonElement replayed)
    {
        foreach (var entity in EntityTable.All)
        {
            var expected = ById(live.GetProperty(entity.Section).GetProperty("features"));
            var actual = ById(replayed.GetProperty(entity.Section).GetProperty("features"));
            foreach (var difference in Differences(entity.Type, expected, actual)) yield return difference;
        }
        foreach (var difference in Differences("flag", ById(live.GetProperty("flags")), ById(replayed.GetProperty("flags")))) yield return difference;
    }

    private static Dictionary<string, JsonNode> ById(JsonElement array) =>
        array.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => JsonNode.Parse(e.GetRawText())!);

    private static IEnumerable<string> Differences(string type, Dictionary<string, JsonNode> expected, Dictionary<string, JsonNode> actual)
    {
        foreach (var (id, node) in expected)
        {
            if (!actual.TryGetValue(id, out var other)) yield return $"{type}/{id} missing from replay";
            else if (!JsonNode.DeepEquals(node, other)) yield return $"{type}/{id} differs: live {node.ToJsonString()} replayed {other.ToJsonString()}";
        }
        foreach (var id in actual.Keys.Where(id => !expected.ContainsKey(id)))
            yield return $"{type}/{id} in replay only";
    }
}
