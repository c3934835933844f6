using System.Net;
using System.Net.Http.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// A server in a process of its own for the tests that read /metrics. Meters are matched by name
/// across a process: in the test process, every in-process server's meter provider also takes in
/// the instruments of the others' (ASP.NET Core's, the Orleans copies in seconds) under the same
/// names, and when one of those servers stops, a series it had taken from it can vanish from another's
/// page. A process with one host in it, as in production, scrapes only its own.
/// </summary>
public sealed class MetricsServer() : ServerFixture("metrics")
{
    /// <summary>
    /// One site's change, stored and taken in by the flag engine, so that the histograms of that
    /// work (storage latency, flags lag) have a measurement: a histogram is served once it has one,
    /// and a first start alone takes no change through the flag engine (it builds once at the end,
    /// which is no change taken in).
    /// Answers the site's id.
    /// </summary>
    public async Task<string> ChangeASite()
    {
        var site = (await Server.GetJson("/api/sites")).GetProperty("features").EnumerateArray().First().GetProperty("id").GetString()!;
        var health = (await Server.GetView($"/api/sites/{site}")).GetProperty("health").GetString() == "down" ? "up" : "down";
        using (var changed = await Server.Http.PostAsJsonAsync($"/api/sites/{site}/reports", new { health, power = "grid" }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        // The change reaches the flag engine by one-way hand-offs (index, router, partition): the
        // page is read again until the engine has timed taking it in, within a bound.
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await Server.ScrapeMetrics()).Contains("situation_flags_lag_seconds_count", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < bound, "the flag engine took no change in within 30 s");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        return site;
    }
}
