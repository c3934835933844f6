using System.Diagnostics;
using System.Text;
using Situation.LoadTool;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

/// <summary>
/// A client that stops reading — a hung tab, a phone on a dead link, a hostile client — must not hold
/// back anyone else's map, and the server lets it go instead of keeping its pushes without end.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class StalledClientTests(Api.ApiServer api)
{
    /// <summary>Far below the seconds a reader would wait behind a stalled client if it had to.</summary>
    private static readonly TimeSpan RoundBound = TimeSpan.FromSeconds(5);

    /// <summary>The server's bound (10 s, LiveOptions.StalledClientBound), the filling of the buffers before it, and the pings that notice.</summary>
    private static readonly TimeSpan ClosedBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_client_that_stops_reading_holds_no_one_back_and_is_closed_by_the_server()
    {
        await using var stalled = await StalledClient.Connect(api.Server.BaseAddress, api.Server.AdminToken);
        await using var mirror = await LiveMirror.Connect(api.Server, "province");
        var sites = (await api.Server.GetJson("/api/sites")).GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()!).Where(id => id.StartsWith("bts-")).ToArray();

        // Round after round of changes to every site, until what the stalled client does not read
        // has filled the socket buffers between it and the server and the server has let it go.
        // The reader must have every round within a few seconds all along.
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (!stalled.ClosedByServer.IsCompleted)
        {
            Assert.True(clock.Elapsed < ClosedBound, $"the stalled client was still open after {rounds} rounds of {sites.Length} changes");
            var minutes = 100 + rounds % 2;
            await Report(sites, minutes);
            await mirror.WaitUntil(m => sites.All(id => m.DataOf("site", id)?.GetProperty("batteryMinutes").GetInt32() == minutes), RoundBound,
                $"round {rounds}: the reading client has every site's change while another client does not read");
            rounds++;
        }

        Assert.Equal(0, mirror.Reloads);
        Assert.Equal(0, mirror.FailOvers);
    }

    private async Task Report(IReadOnlyList<string> sites, int batteryMinutes)
    {
        await Task.WhenAll(sites.Chunk((sites.Count + 3) / 4).Select(async chunk =>
        {
            var body = "{\"reports\":[" + string.Join(",", chunk.Select(id =>
                $$"""{"siteId":"{{id}}","health":"up","power":"battery","batteryMinutes":{{batteryMinutes}}}""")) + "]}";
            using var response = await api.Http.PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }));
    }
}
