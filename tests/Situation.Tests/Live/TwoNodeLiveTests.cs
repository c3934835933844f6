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
    /// An incident is not everyone's: it reaches the enterprise's clients on both nodes — one node
    /// publishes it, the other relays it from Redis with who may see it — and another enterprise's on neither.
    /// </summary>
    [Fact]
    public async Task An_incident_reaches_its_enterprises_clients_on_both_nodes_and_another_enterprises_on_neither()
    {
        var site = (await _nodeA.GetJson("/api/sites?district=633")).GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("properties").GetProperty("operator").GetString() == "viettel").GetProperty("id").GetString()!;
        // A cluster seeds no demo accounts: the administrator makes one for each enterprise.
        foreach (var org in new[] { "viettel", "vnpt" })
            using (var created = await _nodeA.Http.PostAsync("/api/users", new StringContent(
                       $$"""{"username":"ops-{{org}}","password":"{{TestAccounts.Password}}","role":"operator","scope":"{{org}}"}""", Encoding.UTF8, "application/json")))
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viettel = await _nodeA.Login("ops-viettel");
        var vnpt = await _nodeA.Login("ops-vnpt");
        var mirrors = new List<(string Who, LiveMirror Mirror)>();
        foreach (var node in new[] { _nodeA, _nodeB })
        {
            mirrors.Add(("viettel", await LiveMirror.Connect(node.BaseAddress, viettel, "province")));
            mirrors.Add(("vnpt", await LiveMirror.Connect(node.BaseAddress, vnpt, "province")));
        }
        try
        {
            var incident = $"inc-{Guid.NewGuid():N}"[..16];
            using (var opened = await _nodeA.Http.PostAsync("/api/incidents", new StringContent(
                       $$"""{"id":"{{incident}}","enterpriseId":"viettel","subjects":[{"type":"site","id":"{{site}}"}]}""", Encoding.UTF8, "application/json")))
                Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            foreach (var (_, mirror) in mirrors.Where(m => m.Who == "viettel"))
                await mirror.WaitUntil(m => m.Holds("incident", incident), Bound, $"viettel's client on {mirror.Server} gets viettel's incident");
            // Each node has now handled the incident for all its clients. A change everyone sees, made
            // after that, comes to each client after whatever its node sent it of the incident, from
            // whichever node it is published: a client that holds it would hold the incident by now.
            // (Made before that, it could come from the other node ahead of the incident's relay.)
            var before = mirrors[0].Mirror.VersionOf("site", site);
            await ReportVia(_nodeB, site, before % 2 == 0 ? "down" : "degraded");
            foreach (var (_, mirror) in mirrors)
                await mirror.WaitUntil(m => m.VersionOf("site", site) > before, Bound, "the fence reaches every client");

            foreach (var (who, mirror) in mirrors.Where(m => m.Who == "vnpt"))
                Assert.False(mirror.Holds("incident", incident), $"{who}'s client on {mirror.Server} holds viettel's incident");
        }
        finally
        {
            foreach (var (_, mirror) in mirrors)
                await mirror.DisposeAsync();
        }
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
