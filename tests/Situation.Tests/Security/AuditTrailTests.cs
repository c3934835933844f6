using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// A sequence of changes by several people and a feed produces exactly the expected audit records,
/// before and after included; filters, pages and CSV show the same records; a hard restart keeps them.
/// On SQLite (embedded) and on PostgreSQL (cluster).
/// </summary>
public sealed class AuditTrailTests
{
    private sealed record Expected(string Actor, string Entity, string Action, string? BeforeField, string? AfterField);

    [Fact]
    public Task The_embedded_trail_records_every_change_and_survives_a_kill() => Run(dataDir => ServerProcess.Start(dataDir));

    [Fact]
    public async Task The_cluster_trail_records_every_change_and_survives_a_kill()
    {
        var database = await TestPostgres.CreateDatabase("audit");
        var silo = FreePorts.Next().ToString();
        await Run(dataDir => ServerProcess.Start(dataDir, new Dictionary<string, string?>
        {
            ["Situation:Mode"] = "cluster",
            ["ConnectionStrings:Postgres"] = database,
            ["Situation:SiloPort"] = silo,
        }));
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task Run(Func<string, Task<ServerProcess>> start)
    {
        var dataDir = Paths.NewTempDir("audit");
        try
        {
            List<string> recorded;
            string since;
            await using (var server = await start(dataDir))
            {
                // Cluster mode starts with an admin only; the embedded default already has these.
                foreach (var (name, role, scope) in new[] { ("district-622", "district", "622"), ("operator-viettel", "operator", "viettel"), ("leader", "leader", null) })
                {
                    using var created = await server.Http.PostAsJsonAsync("/api/users", new { username = name, password = TestAccounts.Password, role, scope });
                    Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
                }
                using var committee = await server.ClientFor("district-622");
                using var viettel = await server.ClientFor("operator-viettel");
                using var leader = await server.ClientFor("leader");
                // A base station: nothing hangs below it, so its outage derives nothing onto other sites.
                var site = (await server.GetJson("/api/sites?operator=viettel&district=622&health=up")).GetProperty("features").EnumerateArray()
                    .First(f => f.GetProperty("properties").GetProperty("kind").GetString() == "bts").GetProperty("id").GetString()!;
                var checkpoint = (await server.GetJson("/api/checkpoints?district=622")).GetProperty("features").EnumerateArray()
                    .First(f => f.GetProperty("properties").GetProperty("wifi").GetString() == "ok").GetProperty("id").GetString()!;
                await using var mirror = await LiveMirror.Connect(server, "province");
                since = DateTimeOffset.UtcNow.AddMilliseconds(-1).ToString("O");

                await Ok(await committee.PutAsync("/api/districts/622/level", Body("""{"level":"lockdown","note":"Phong tỏa"}""")));
                await Ok(await committee.PostAsync("/api/zones", Body($$"""{"type":"Feature","id":"audit-zone","geometry":{{SecurityServer.Square}},"properties":{"name":"Tổ 7"} }""")));
                await Ok(await committee.PatchAsync($"/api/checkpoints/{checkpoint}", Body("""{"wifi":"down"}""")));
                var key = await Ok(await viettel.PostAsync("/api/keys", Body("""{"name":"Viettel NMS"}""")));
                await Ok(await viettel.PostAsync($"/api/sites/{site}/reports", Body("""{"health":"degraded","power":"generator"}""")));
                using (var feed = server.WithApiKey(key.GetProperty("key").GetString()!))
                    await Ok(await feed.PostAsync("/api/reports", Body($$"""{"reports":[{"siteId":"{{site}}","health":"down","power":"battery","batteryMinutes":90}]}""")));
                var flag = $"checkpoint_no_wifi.checkpoint.{checkpoint}";
                await mirror.WaitUntil(m => m.Holds("flag", flag), TimeSpan.FromSeconds(30), "the wifi flag is open");
                await Ok(await leader.PostAsync($"/api/flags/{flag}/ack", null));
                await Ok(await server.Http.PostAsync("/api/zones/audit-zone/lift", null));
                var keyActor = $"key:{key.GetProperty("id").GetString()}";

                var trail = (await server.GetJson($"/api/audit?from={Uri.EscapeDataString(since)}")).GetProperty("items").EnumerateArray().Reverse().ToList();
                Expected[] expected =
                [
                    new("district-622", "district/622", "set-level", "level=normal", "level=lockdown"),
                    new("district-622", "zone/audit-zone", "create", null, "status=active"),
                    new("district-622", $"checkpoint/{checkpoint}", "patch", "wifi=ok", "wifi=down"),
                    new("operator-viettel", $"apikey/{key.GetProperty("id").GetString()}", "issue", null, "organisation=viettel"),
                    new("operator-viettel", $"site/{site}", "report", "health=up", "health=degraded"),
                    new(keyActor, $"site/{site}", "report", "health=degraded", "health=down"),
                    new("leader", $"flag/{flag}", "acknowledge", "kind=checkpoint_no_wifi", "kind=checkpoint_no_wifi"),
                    new("admin", "zone/audit-zone", "lift", "status=active", "status=lifted"),
                ];
                Assert.True(expected.Length == trail.Count, string.Join("\n", trail.Select(r =>
                    $"{r.GetProperty("at")} {r.GetProperty("actor")} {r.GetProperty("entityType")}/{r.GetProperty("entityId")} {r.GetProperty("action")}")));
                foreach (var (record, want) in trail.Zip(expected))
                {
                    Assert.Equal(want.Actor, record.GetProperty("actor").GetString());
                    Assert.Equal(want.Entity, $"{record.GetProperty("entityType").GetString()}/{record.GetProperty("entityId").GetString()}");
                    Assert.Equal(want.Action, record.GetProperty("action").GetString());
                    AssertField(record.GetProperty("before"), want.BeforeField);
                    AssertField(record.GetProperty("after"), want.AfterField);
                    // The record's version is the version the change made, one past the one before it.
                    Assert.Equal(record.GetProperty("version").GetInt64(), record.GetProperty("after").GetProperty("version").GetInt64());
                    if (want.BeforeField is not null && !want.Entity.StartsWith("flag/"))
                        Assert.Equal(record.GetProperty("version").GetInt64() - 1, record.GetProperty("before").GetProperty("version").GetInt64());
                }

                // Filters and pages show the same records.
                var byCommittee = (await server.GetJson($"/api/audit?from={Uri.EscapeDataString(since)}&user=district-622")).GetProperty("items");
                Assert.Equal(3, byCommittee.GetArrayLength());
                var zone = (await server.GetJson("/api/audit?entity=zone/audit-zone")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()!).ToArray();
                Assert.Equal(["lift", "create"], zone);
                var paged = new List<long>();
                string? next = null;
                do
                {
                    var page = await server.GetJson($"/api/audit?from={Uri.EscapeDataString(since)}&limit=3" + (next is null ? "" : $"&before={next}"));
                    paged.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()));
                    next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
                } while (next is not null);
                Assert.Equal(trail.Select(r => r.GetProperty("seq").GetInt64()).Reverse(), paged);

                var csv = await (await server.Http.GetAsync($"/api/audit.csv?from={Uri.EscapeDataString(since)}")).Content.ReadAsStringAsync();
                var lines = csv.TrimEnd('\n').Split('\n');
                Assert.Equal("seq,at,actor,entityType,entityId,version,action,before,after", lines[0].TrimStart('\uFEFF'));
                Assert.Equal(expected.Length + 1, lines.Length);
                Assert.StartsWith($"{trail[^1].GetProperty("seq").GetInt64()},", lines[1]);

                recorded = trail.Select(r => r.GetRawText()).ToList();
                await server.Kill();
            }
            await using var restarted = await start(dataDir);
            var reread = (await restarted.GetJson($"/api/audit?from={Uri.EscapeDataString(since)}")).GetProperty("items").EnumerateArray().Reverse()
                .Select(r => r.GetRawText()).ToList();
            Assert.Equal(recorded, reread);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>"field=value" on a state, or null for no state at all.</summary>
    private static void AssertField(JsonElement state, string? expected)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, state.ValueKind);
            return;
        }
        var (field, value) = (expected.Split('=')[0], expected.Split('=')[1]);
        Assert.Equal(value, state.GetProperty(field).GetString());
    }
}
