using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

/// <summary>A server whose heartbeat comes every second, so that silence is noticed within seconds.</summary>
public sealed class QuickHeartbeatServer() : ServerFixture("catch-up", new Dictionary<string, string?>
{
    ["Situation:Live:HeartbeatInterval"] = "00:00:01",
});

/// <summary>
/// Clients know when they are behind (issue 13 item 1): a lost message shows as a gap and costs only
/// what was missed; silence shows as staleness and ends in a reload; either way the client ends
/// equal to the server.
/// </summary>
public sealed class CatchUpTests(QuickHeartbeatServer fixture) : IClassFixture<QuickHeartbeatServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private RunningServer Server => fixture.Server;

    private async Task<long> Report(string siteId, string health)
    {
        using var response = await Server.Http.PostAsync($"/api/sites/{siteId}/reports",
            new StringContent($$"""{"health":"{{health}}","power":"grid"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }

    [Fact]
    public async Task A_client_that_loses_a_message_sees_the_gap_and_fetches_what_it_missed()
    {
        await using var mirror = await LiveMirror.Connect(Server, "province");
        mirror.LoseNextChanges = true;

        var version = await Report("bts-622-0003", "down");
        await mirror.WaitUntil(m => m.Lost == 1, Bound, "a message was lost");
        // The next message or heartbeat shows the gap; /api/changes fills it.
        await mirror.WaitUntil(m => m.VersionOf("site", "bts-622-0003") >= version, Bound, "the missed change arrives after all");

        Assert.True(mirror.CatchUps >= 1, $"caught up {mirror.CatchUps} times, reloaded {mirror.Reloads} times");
    }

    [Fact]
    public async Task A_client_that_hears_nothing_for_three_heartbeats_starts_over_and_ends_equal()
    {
        await using var mirror = await LiveMirror.Connect(Server, "district:623");
        mirror.Deaf = true;

        var version = await Report("bts-623-0002", "degraded");
        await mirror.WaitUntil(m => m.Reloads >= 1 && m.VersionOf("site", "bts-623-0002") >= version, Bound, "silence noticed, and the picture reloaded");
    }

    [Fact]
    public async Task Changes_after_a_position_come_from_the_window_and_a_position_it_no_longer_holds_is_410()
    {
        await using var mirror = await LiveMirror.Connect(Server, "province");
        var version = await Report("bts-624-0001", "down");
        await mirror.WaitUntil(m => m.VersionOf("site", "bts-624-0001") >= version, Bound, "the change is pushed");
        var publisher = Assert.Single(mirror.Publishers);

        var caught = await Server.GetJson($"/api/changes?scope=province&publisher={publisher}&since=0");
        using var gone = await Server.Http.GetAsync("/api/changes?scope=province&publisher=000000000000&since=5");
        using var wrong = await Server.Http.GetAsync($"/api/changes?scope=somewhere&publisher={publisher}&since=0");

        Assert.Contains(caught.GetProperty("items").EnumerateArray(), item =>
            item.GetProperty("id").GetString() == "bts-624-0001" && item.GetProperty("version").GetInt64() >= version);
        Assert.True(caught.GetProperty("last").GetInt64() >= 1);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }
}
