using System.Net;
using System.Net.Http.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// /metrics is what Prometheus' own checker accepts (promtool, from Debian's prometheus package):
/// base units, help for every series, a real service name; and it carries what an on-call person
/// looks at first, every counter there from the start.
/// </summary>
public sealed class PrometheusTests(MetricsServer api) : IClassFixture<MetricsServer>
{
    [Fact]
    public async Task Promtool_accepts_the_metrics_page()
    {
        var page = await api.Server.ScrapeMetrics();

        var promtool = await Tool.Run("promtool", ["check", "metrics"], input: page);

        Assert.True(promtool.ExitCode == 0, $"promtool check metrics exited {promtool.ExitCode}:\n{promtool.Said}");
    }

    [Fact]
    public async Task The_on_call_series_are_there_with_their_labels()
    {
        // One write answered 200 and one refused as invalid, so that both outcomes have moved.
        var site = await api.ChangeASite();
        using (var invalid = await api.Server.Http.PostAsJsonAsync($"/api/sites/{site}/reports", new { health = "sideways", power = "grid" }))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        // A malformed token: its handler throws (SecurityTokenMalformedException), which the runtime counts.
        using (var malformed = api.Server.WithToken("not-a-token"))
        using (var refused = await malformed.GetAsync("/api/sites"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var page = await api.Server.ScrapeMetrics();
        var lines = page.Split('\n');

        Assert.Contains(lines, l => l.StartsWith("target_info{") && l.Contains("service_name=\"situation\"") && l.Contains("service_instance_id=\"127.0.0.1:"));
        Assert.Contains(lines, l => l.StartsWith("situation_writes_total{") && l.Contains("type=\"site\"") && l.Contains("outcome=\"accepted\"") && !l.EndsWith(" 0"));
        Assert.Contains(lines, l => l.StartsWith("situation_writes_total{") && l.Contains("type=\"site\"") && l.Contains("outcome=\"invalid\"") && !l.EndsWith(" 0"));
        // Counted from the start, at zero until something happens.
        Assert.Contains(lines, l => l.StartsWith("situation_writes_total{") && l.Contains("type=\"route\"") && l.Contains("outcome=\"refused\""));
        Assert.Contains(lines, l => l.StartsWith("situation_push_stalled_clients_closed_total"));
        Assert.Contains(lines, l => l.StartsWith("situation_flags_open{") && l.Contains("kind=\"connectivity_gap\"") && l.Contains("severity=\"critical\""));
        Assert.Contains(lines, l => l.StartsWith("situation_live_clients"));
        Assert.Contains(lines, l => l.StartsWith("situation_push_delay_seconds_bucket"));
        Assert.Contains(lines, l => l.StartsWith("situation_flags_lag_seconds_bucket"));
        Assert.Contains(lines, l => l.StartsWith("orleans_storage_write_latency_seconds_bucket"));
        Assert.DoesNotContain(lines, l => l.Contains("_milliseconds") || l.Contains("_megabytes"));
        // Exceptions are counted, their type names (internals) are not shown.
        Assert.Contains(lines, l => l.StartsWith("dotnet_exceptions_total"));
        Assert.DoesNotContain(lines, l => l.Contains("Exception"));
    }
}
