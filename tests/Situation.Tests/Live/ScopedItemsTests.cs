using System.Net.Http.Json;
using System.Text.Json;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;
using Situation.Tests.Passes;

namespace Situation.Tests.Live;

/// <summary>
/// Incidents, crews, passes and crossings are not everyone's to see, on the live feed as in the
/// lists: each client of the hub, and each catch-up from <c>/api/changes</c>, carries only the items
/// its caller may see — an enterprise its own, a district committee its district's, a checkpoint
/// officer the passes through its checkpoints (and the crews), leaders everything; another
/// enterprise none of them.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class ScopedItemsTests(ApiServer fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly string[] Watchers = ["operator-viettel", "operator-vnpt", "district-622", "district-623", "checkpoint-622", "leader"];

    [Fact]
    public async Task Each_client_receives_only_the_incidents_crews_passes_and_crossings_its_caller_may_see()
    {
        var setup = new PassSetup(fixture);
        var tokens = new Dictionary<string, string>();
        var mirrors = new Dictionary<string, LiveMirror>();
        foreach (var who in Watchers)
        {
            tokens[who] = await fixture.Server.Login(who);
            mirrors[who] = await LiveMirror.Connect(fixture.Server.BaseAddress, tokens[who], "province");
        }
        try
        {
            var before = mirrors["leader"].Positions;

            var (checkpoint, zone) = await setup.GuardedZone("622");
            var crew = PassSetup.Unique("crew");
            var viettel = await setup.Crew(crew);
            var pass = PassSetup.Unique("pass");
            await PassSetup.Ok(await viettel.PostAsync("/api/passes", ApiServer.JsonBody(PassSetup.PassBody(pass, crew, ["m1"], zone, checkpoint))));
            var district = await fixture.Server.ClientFor("district-622");
            await PassSetup.Ok(await district.PostAsync($"/api/passes/{pass}/decision", ApiServer.JsonBody("""{"grant":true}""")));
            var officer = fixture.Server.WithToken(tokens["checkpoint-622"]);
            var crossing = PassSetup.Unique("x");
            await PassSetup.Ok(await officer.PostAsync($"/api/passes/{pass}/crossings",
                ApiServer.JsonBody($$"""{"id":"{{crossing}}","checkpointId":"{{checkpoint}}","direction":"in"}""")));
            var site = (await fixture.Server.GetJson("/api/sites?district=622")).GetProperty("features").EnumerateArray()
                .First(f => f.GetProperty("properties").GetProperty("operator").GetString() == "viettel").GetProperty("id").GetString()!;
            var incident = PassSetup.Unique("inc");
            var leader = fixture.Server.WithToken(tokens["leader"]);
            await PassSetup.Ok(await leader.PostAsync("/api/incidents",
                ApiServer.JsonBody($$"""{"id":"{{incident}}","enterpriseId":"viettel","subjects":[{"type":"site","id":"{{site}}"}]}""")));

            // A change everyone sees, made last: once a client holds it, it has had every message before it.
            var fenceSite = (await fixture.Server.GetJson("/api/sites?district=638")).GetProperty("features")[0].GetProperty("id").GetString()!;
            var health = (await fixture.Server.GetView("/api/sites/" + fenceSite)).GetProperty("health").GetString() == "up" ? "degraded" : "up";
            var fence = await PassSetup.Ok(await fixture.Http.PostAsync($"/api/sites/{fenceSite}/reports", ApiServer.JsonBody($$"""{"health":"{{health}}","power":"grid"}""")));
            var fenceVersion = fence.GetProperty("version").GetInt64();
            foreach (var mirror in mirrors.Values)
                await mirror.WaitUntil(m => m.VersionOf("site", fenceSite) >= fenceVersion, Bound, "the fence reaches every client");

            var crewItem = $"viettel.{crew}";
            var expected = new Dictionary<string, string[]>
            {
                ["operator-viettel"] = ["incident", "crew", "pass", "crossing"],
                ["operator-vnpt"] = [],
                ["district-622"] = ["incident", "crew", "pass", "crossing"],
                ["district-623"] = ["crew"],
                ["checkpoint-622"] = ["crew", "pass", "crossing"],
                ["leader"] = ["incident", "crew", "pass", "crossing"],
            };
            foreach (var (who, types) in expected)
            {
                var received = mirrors[who].Received
                    .Where(r => (r.Type, r.Id) is ("incident", var i) && i == incident || (r.Type, r.Id) is ("crew", var c) && c == crewItem
                                || (r.Type, r.Id) is ("pass", var p) && p == pass || (r.Type, r.Id) is ("crossing", var x) && x == crossing)
                    .Select(r => r.Type).Distinct().Order().ToArray();
                Assert.True(types.Order().SequenceEqual(received), $"{who} received [{string.Join(", ", received)}], may see [{string.Join(", ", types)}]");
            }

            // Catching up is filtered the same way: what another enterprise fetches after a gap holds none of them.
            var ((publisher, scope), since) = before.Single(p => p.Key.Scope == "province");
            foreach (var (who, types) in new[] { ("operator-vnpt", 0), ("operator-viettel", 4) })
            {
                var caught = await fixture.Server.WithToken(tokens[who]).GetFromJsonAsync<JsonElement>($"/api/changes?scope={scope}&publisher={publisher}&since={since}");
                var items = caught.GetProperty("items").EnumerateArray()
                    .Select(i => (Type: i.GetProperty("type").GetString()!, Id: i.GetProperty("id").GetString()!))
                    .Where(i => i == ("incident", incident) || i == ("crew", crewItem) || i == ("pass", pass) || i == ("crossing", crossing)).ToList();
                Assert.True(items.Count == types, $"{who} caught up {items.Count} of the restricted items instead of {types}");
                Assert.Contains(caught.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == fenceSite);
            }
        }
        finally
        {
            foreach (var mirror in mirrors.Values)
                await mirror.DisposeAsync();
        }
    }
}
