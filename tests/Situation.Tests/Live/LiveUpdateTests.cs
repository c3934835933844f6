using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

[CollectionDefinition(Name)]
public sealed class LiveServerCollection : ICollectionFixture<ApiServer>
{
    public const string Name = "live server";
}

/// <summary>The live-update contract (README "Live updates") with the real .NET SignalR client against the real server.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class LiveUpdateTests(ApiServer api)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private async Task Report(string siteId, string health, string power = "grid")
    {
        using var response = await api.Send(HttpMethod.Post, $"/api/sites/{siteId}/reports", $$"""{"health":"{{health}}","power":"{{power}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task Burst(IReadOnlyList<string> siteIds, string health, int feeds = 4) =>
        ReportBursts.Post(api.Http, siteIds, health, batteryMinutes: 90, feeds);

    private async Task<string[]> Sites(int count)
    {
        var sites = await api.Server.GetJson("/api/sites");
        return sites.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)
            .Where(id => id.StartsWith("bts-")).Take(count).ToArray();
    }

    private async Task AssertConverged(LiveMirror mirror)
    {
        var server = await LiveMirror.ServerVersions(api.Http);
        await mirror.WaitUntil(m => server.All(e => m.VersionOf(e.Key.Type, e.Key.Id) >= e.Value), Bound, "the mirror holds every version of the server");
        // The flag engine may still derive something after the snapshot was read (raise a flag, and
        // clear it again a moment later): whatever the mirror holds beyond that snapshot must be on
        // the server, at least as new, once the pushes in flight have arrived.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mine = mirror.Versions;
            var later = await LiveMirror.ServerVersions(api.Http);
            var unknown = mine.Where(e => !(server.TryGetValue(e.Key, out var then) && then <= e.Value)
                                          && !(later.TryGetValue(e.Key, out var now) && now >= e.Value)).ToList();
            // And what the first snapshot held the mirror holds too, unless it has gone since (a cleared flag).
            var missing = server.Where(e => mine.TryGetValue(e.Key, out var held) ? held < e.Value : later.ContainsKey(e.Key)).ToList();
            if (unknown.Count == 0 && missing.Count == 0)
                return;
            Assert.True(clock.Elapsed < Bound, $"the mirror holds {string.Join(", ", unknown.Select(e => $"{e.Key} v{e.Value}"))}, which the server does not, " +
                                               $"and lacks {string.Join(", ", missing.Select(e => $"{e.Key} v{e.Value}"))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_subscriber_receives_exactly_the_change_with_the_next_version()
    {
        await using var mirror = await LiveMirror.Connect(api.Server, "province");
        var before = mirror.VersionOf("site", "bts-627-0003");

        await Report("bts-627-0003", "down", "none");
        await mirror.WaitUntil(m => m.VersionOf("site", "bts-627-0003") > before, Bound, "the report's change arrives");

        var items = mirror.Received.Where(r => r.Id == "bts-627-0003").ToArray();
        Assert.Equal([("site", "bts-627-0003", before + 1)], items);
        var data = mirror.DataOf("site", "bts-627-0003")!.Value;
        Assert.Equal(("down", "none"), (data.GetProperty("health").GetString(), data.GetProperty("power").GetString()));
        Assert.Equal("Point", data.GetProperty("location").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_district_subscriber_receives_only_its_district()
    {
        await using var mirror = await LiveMirror.Connect(api.Server, "district:623");
        var before = mirror.VersionOf("site", "bts-623-0002");

        await Report("bts-624-0002", "degraded");
        await Report("bts-623-0002", "degraded");
        await mirror.WaitUntil(m => m.VersionOf("site", "bts-623-0002") > before, Bound, "the An Khê change arrives");

        Assert.DoesNotContain(mirror.Received, r => r.Id == "bts-624-0002");
        Assert.Contains(mirror.Received, r => r.Id == "bts-623-0002");
    }

    [Fact]
    public async Task A_burst_of_2000_changes_arrives_coalesced_and_complete()
    {
        var sites = await Sites(2000);
        await using var mirror = await LiveMirror.Connect(api.Server, "province");
        var messagesBefore = mirror.Messages;

        await Burst(sites, "down");
        await AssertConverged(mirror);

        var burstMessages = mirror.Messages - messagesBefore;
        Assert.True(burstMessages <= 100, $"2,000 changes came as {burstMessages} messages");
        Assert.All(sites, id => Assert.Equal("down", mirror.DataOf("site", id)!.Value.GetProperty("health").GetString()));
        var duplicates = mirror.Received.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(duplicates);
    }

    [Fact]
    public async Task A_client_dropped_mid_burst_converges_after_reconnecting()
    {
        var sites = await Sites(2000);
        await using var mirror = await LiveMirror.Connect(api.Server, "province");
        var before = mirror.Received.Count;

        var burst = Burst(sites, "degraded", feeds: 8);
        await mirror.WaitUntil(m => m.Received.Count > before, Bound, "the burst has begun to arrive");
        await mirror.Drop();
        await Task.WhenAny(burst, Task.Delay(TimeSpan.FromMilliseconds(200)));
        await mirror.Reconnect();
        await burst;

        await AssertConverged(mirror);
        Assert.All(sites, id => Assert.True(mirror.VersionOf("site", id) > 0));
    }

    [Fact]
    public async Task The_hub_refuses_a_scope_that_is_not_one()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(api.Server.AdminToken)).Build();
        await using var _ = connection;
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            connection.InvokeAsync<string[]>("Subscribe", new[] { "district:999" }));

        Assert.Contains("district:999", error.Message);
    }
}
