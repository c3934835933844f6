using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Persistence;

/// <summary>
/// Every acknowledged write survives the process: after a clean stop and after SIGKILL, on the
/// embedded SQLite file and on PostgreSQL, the restarted server reads back exactly what it answered.
/// </summary>
public sealed class RestartTests
{
    private static readonly string[] Probes =
    [
        "/api/districts/627", "/api/zones/zone-restart", "/api/sites/bts-630-0004", "/api/sites/site-restart",
        "/api/checkpoints/cp-ql14-chu-pah", "/api/postal/offices/vnpost-625", "/api/postal/routes/vnpost-feeder-625",
        // The directives: an organisation's own state, its roster (which the compliance grain reads back from the roster grains), what they decide.
        "/api/organisations/military", "/api/organisations/viettelpost", "/api/shifts?organisation=vnpt", "/api/obligations?organisation=military",
    ];

    private static async Task Write(ServerProcess server, string method, string path, string json)
    {
        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>One change of every kind, then the state of each as the server acknowledged it.</summary>
    private static async Task<Dictionary<string, string>> ChangeEverything(ServerProcess server)
    {
        await Write(server, "PUT", "/api/districts/627/level", """{"level":"distancing","note":"Giãn cách theo Chỉ thị 16"}""");
        await Write(server, "POST", "/api/zones", """{"type":"Feature","id":"zone-restart","geometry":{"type":"Polygon","coordinates":[[[107.95,14.09],[107.99,14.09],[107.99,14.12],[107.95,14.12],[107.95,14.09]]]},"properties":{"districtId":"627","name":"Thôn Tơ Vơn"}}""");
        await Write(server, "POST", "/api/sites/bts-630-0004/reports", """{"health":"down","power":"none","causes":["power","damage"]}""");
        await Write(server, "POST", "/api/sites", """{"id":"site-restart","operator":"vietnamobile","kind":"bts","location":{"type":"Point","coordinates":[108.53,13.77]},"coverageRadiusM":4500}""");
        await Write(server, "POST", "/api/sites/site-restart/reports", """{"health":"degraded","power":"battery","batteryMinutes":50}""");
        await Write(server, "PATCH", "/api/checkpoints/cp-ql14-chu-pah", """{"wifi":"down"}""");
        await Write(server, "POST", "/api/postal/offices/vnpost-625/reports", """{"status":"closed"}""");
        await Write(server, "POST", "/api/postal/routes/vnpost-feeder-625/reports", """{"status":"suspended"}""");
        await Write(server, "PUT", "/api/organisations/military/contact-point", """{"name":"Đại tá Thử","position":"Tham mưu trưởng","phone":"0000 000 555"}""");
        await Write(server, "PUT", "/api/organisations/vnpt/shifts/restart-shift", """{"duty":"operations","person":"Cán bộ thử","phone":"0000 005 001","start":"2021-02-10T07:00:00+07:00","end":"2021-02-10T15:00:00+07:00"}""");
        await Write(server, "PUT", "/api/organisations/viettelpost/health-declarations/2021-02-01", """{"declared":80,"worked":90}""");
        return await Read(server);
    }

    private static async Task<Dictionary<string, string>> Read(ServerProcess server)
    {
        var state = new Dictionary<string, string>();
        foreach (var probe in Probes)
            state[probe] = (await server.GetJson(probe)).GetRawText();
        var situation = await server.GetJson("/api/situation");
        foreach (var section in new[] { "districts", "zones", "checkpoints", "sites", "offices", "routes" })
        {
            var versions = situation.GetProperty(section).GetProperty("features").EnumerateArray()
                .Select(f => $"{f.GetProperty("id").GetString()}@{f.GetProperty("properties").GetProperty("version").GetInt64()}")
                .Order(StringComparer.Ordinal);
            state[section] = string.Join(",", versions);
        }
        return state;
    }

    private static async Task RoundTrip(Func<string, Task<ServerProcess>> start, bool kill)
    {
        var dataDir = Paths.NewTempDir("restart");
        try
        {
            Dictionary<string, string> acknowledged;
            await using (var first = await start(dataDir))
            {
                acknowledged = await ChangeEverything(first);
                if (kill) await first.Kill();
                else await first.Stop();
            }
            await using var second = await start(dataDir);
            var reread = await Read(second);

            Assert.Equal(acknowledged.Keys, reread.Keys);
            foreach (var key in acknowledged.Keys)
                Assert.Equal(acknowledged[key], reread[key]);
            Assert.Contains("\"level\":\"distancing\"", reread["/api/districts/627"]);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Task<ServerProcess> Embedded(string dataDir) => ServerProcess.Start(dataDir);

    /// <summary>
    /// A cluster node that keeps its silo ports across restarts, as a configured node does: that is
    /// how a restarted silo supersedes its own dead previous generation at once.
    /// </summary>
    private static Func<string, Task<ServerProcess>> Cluster(string connectionString)
    {
        var siloPort = FreePorts.Next().ToString();
        return dataDir => ServerProcess.Start(dataDir, new Dictionary<string, string?>
        {
            ["Situation:Mode"] = "cluster",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Situation:SiloPort"] = siloPort,
        });
    }

    [Fact]
    public Task SQLite_keeps_every_acknowledged_change_across_a_clean_restart() => RoundTrip(Embedded, kill: false);

    [Fact]
    public Task SQLite_keeps_every_acknowledged_change_when_the_process_is_killed() => RoundTrip(Embedded, kill: true);

    [Fact]
    public async Task PostgreSQL_keeps_every_acknowledged_change_across_a_clean_restart() =>
        await RoundTrip(Cluster(await TestPostgres.CreateDatabase("restart")), kill: false);

    [Fact]
    public async Task PostgreSQL_keeps_every_acknowledged_change_when_the_process_is_killed() =>
        await RoundTrip(Cluster(await TestPostgres.CreateDatabase("kill")), kill: true);

    [Fact]
    public async Task Two_cluster_nodes_on_different_ports_form_one_cluster_and_see_the_same_state()
    {
        var connectionString = await TestPostgres.CreateDatabase("twonodes");
        var dirA = Paths.NewTempDir("node-a");
        var dirB = Paths.NewTempDir("node-b");
        await using var nodeA = await Cluster(connectionString)(dirA);
        await using var nodeB = await Cluster(connectionString)(dirB);

        await Write(nodeA, "POST", "/api/sites/bts-622-0010/reports", """{"health":"down","power":"battery","batteryMinutes":15}""");
        var viaA = (await nodeA.GetView("/api/sites/bts-622-0010")).GetRawText();
        var viaB = (await nodeB.GetView("/api/sites/bts-622-0010")).GetRawText();
        await Write(nodeB, "POST", "/api/sites/bts-622-0010/reports", """{"health":"up","power":"grid"}""");
        var afterB = await nodeA.GetView("/api/sites/bts-622-0010");

        Assert.Equal(viaA, viaB);
        Assert.Equal(JsonDocument.Parse(viaA).RootElement.GetProperty("version").GetInt64() + 1, afterB.GetProperty("version").GetInt64());
        var silos = await CountActiveSilos(connectionString);
        Assert.Equal(2, silos);
    }

    private static async Task<long> CountActiveSilos(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
