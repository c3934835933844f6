using System.Diagnostics;
using Situation.LoadTool;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

/// <summary>
/// A client that stops reading — a hung tab, a phone on a dead link, a hostile client — must not hold
/// back anyone else's map, and the server lets it go instead of keeping its pushes without end:
/// after 10 s without taking a message (the default bound, on the shared live server) ...
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class StalledClientTests(Api.ApiServer api)
{
    [Fact]
    public Task A_client_that_stops_reading_holds_no_one_back_and_is_closed_by_the_server() =>
        StalledClientRun.StallUntilClosed(api.Server);
}

/// <summary>A server that keeps at most 50 messages for a client and would wait an hour for one to read.</summary>
public sealed class ShortQueueServer() : ServerFixture("short-queue", new Dictionary<string, string?>
{
    ["Situation:Live:ClientQueueLimit"] = "50",
    ["Situation:Live:StalledClientBound"] = "01:00:00",
});

/// <summary>... or, whatever the time, once more messages wait for it than the queue limit.</summary>
public sealed class StalledClientQueueTests(ShortQueueServer fixture) : IClassFixture<ShortQueueServer>
{
    [Fact]
    public Task A_client_that_lets_its_queue_fill_holds_no_one_back_and_is_closed_by_the_server() =>
        StalledClientRun.StallUntilClosed(fixture.Server);
}

internal static class StalledClientRun
{
    /// <summary>Far below the seconds a reader would wait behind a stalled client if it had to.</summary>
    private static readonly TimeSpan RoundBound = TimeSpan.FromSeconds(5);

    /// <summary>The filling of the socket buffers, the server's bound after it, and the pings that notice the close.</summary>
    private static readonly TimeSpan ClosedBound = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Round after round of changes to every site, until what the stalled client does not read has
    /// filled the socket buffers between it and the server and the server has let it go. A reading
    /// client must have every round within a few seconds all along, and never have to start over.
    /// </summary>
    public static async Task StallUntilClosed(RunningServer server)
    {
        await using var stalled = await StalledClient.Connect(server.BaseAddress, server.AdminToken);
        await using var mirror = await LiveMirror.Connect(server, "province");
        var sites = (await server.GetJson("/api/sites")).GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()!).Where(id => id.StartsWith("bts-")).ToArray();

        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (!stalled.ClosedByServer.IsCompleted)
        {
            Assert.True(clock.Elapsed < ClosedBound, $"the stalled client was still open after {rounds} rounds of {sites.Length} changes");
            var minutes = 100 + rounds % 2;
            await ReportBursts.Post(server.Http, sites, "up", minutes);
            await mirror.WaitUntil(m => sites.All(id => m.DataOf("site", id)?.GetProperty("batteryMinutes").GetInt32() == minutes), RoundBound,
                $"round {rounds}: the reading client has every site's change while another client does not read");
            rounds++;
        }

        Assert.Equal(0, mirror.Reloads);
        Assert.Equal(0, mirror.FailOvers);
    }
}
