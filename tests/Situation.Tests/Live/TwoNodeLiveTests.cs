using System.Net;
using System.Text;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

/// <summary>
/// Two server processes in one cluster, sharing PostgreSQL and the Redis backplane: a change accepted
/// by one node reaches the clients of both, exactly once.
/// </summary>
public sealed class TwoNodeLiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly List<string> _dirs = [];
    private ServerProcess _nodeA = null!;
    private ServerProcess _nodeB = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabase("live2");
        var settings = new Dictionary<string, string?>
        {
            ["Situation:Mode"] = "cluster",
            ["ConnectionStrings:Postgres"] = database,
            ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        };
        _dirs.Add(Paths.NewTempDir("live-a"));
        _dirs.Add(Paths.NewTempDir("live-b"));
        _nodeA = await ServerProcess.Start(_dirs[0], settings);
        _nodeB = await ServerProcess.Start(_dirs[1], settings);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        foreach (var dir in _dirs)
            Directory.Delete(dir, recursive: true);
    }

    private async Task ReportVia(ServerProcess node, string siteId, string health)
    {
        using var response = await node.Http.PostAsync($"/api/sites/{siteId}/reports",
            new StringContent($$"""{"health":"{{health}}","power":"generator"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_change_accepted_by_one_node_reaches_clients_of_both_nodes_exactly_once()
    {
        const string site = "bts-633-0007";
        await using var onB = await LiveMirror.Connect(_nodeB, "province");
        await using var onA = await LiveMirror.Connect(_nodeA, "district:633");
        var before = onB.VersionOf("site", site);

        await ReportVia(_nodeA, site, "down");
        await onB.WaitUntil(m => m.VersionOf("site", site) == before + 1, Bound, "node B's client sees the change");
        await onA.WaitUntil(m => m.VersionOf("site", site) == before + 1, Bound, "node A's client sees the change");
        // A fence, sent once the first change is out: a second copy of the first would come before it.
        await ReportVia(_nodeA, site, "degraded");
        await onB.WaitUntil(m => m.VersionOf("site", site) == before + 2, Bound, "node B's client sees the fence");
        await onA.WaitUntil(m => m.VersionOf("site", site) == before + 2, Bound, "node A's client sees the fence");

        foreach (var mirror in new[] { onA, onB })
        {
            var items = mirror.Received.Where(r => r.Id == site).Select(r => r.Version).ToArray();
            Assert.Equal([before + 1, before + 2], items);
        }
        Assert.Equal("degraded", onB.DataOf("site", site)!.Value.GetProperty("health").GetString());
    }

    /// <summary>
    /// Silos that talk to each other record what only a cluster records (the sizes of the messages
    /// between them, whose Orleans labels are not snake_case): each node's page still passes promtool.
    /// </summary>
    [Fact]
    public async Task Each_nodes_metrics_pass_promtool_once_the_silos_have_talked()
    {
        // A report through each node: whichever node holds the site's grain, one of them calls the other.
        await ReportVia(_nodeA, "bts-633-0007", "down");
        await ReportVia(_nodeB, "bts-633-0007", "up");
        await ReportVia(_nodeA, "bts-622-0003", "down");
        await ReportVia(_nodeB, "bts-622-0003", "up");

        foreach (var node in new[] { _nodeA, _nodeB })
        {
            var page = await node.ScrapeMetrics();

            var promtool = await Tool.Run("promtool", ["check", "metrics"], input: page);

            Assert.Contains("orleans_messaging_sent_messages_size_bytes", page);
            Assert.True(promtool.ExitCode == 0, $"promtool check metrics exited {promtool.ExitCode}:\n{promtool.Said}");
        }
    }
}
