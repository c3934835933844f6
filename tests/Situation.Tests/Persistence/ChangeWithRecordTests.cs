using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Persistence;

/// <summary>
/// A change and its audit record are one durable write (embedded default): killed with SIGKILL
/// while feeds keep many group commits in flight, the restarted server holds every acknowledged
/// change with its record, no change without one and no record without its change.
/// </summary>
public sealed class ChangeWithRecordTests
{
    private const int Feeds = 8;

    [Fact]
    public async Task A_process_killed_mid_commit_keeps_each_acknowledged_change_with_its_record_and_nothing_half_written()
    {
        var dataDir = Paths.NewTempDir("one-write");
        try
        {
            var acknowledged = new ConcurrentBag<(string Site, long Version)>();
            string[] sites;
            await using (var first = await ServerProcess.Start(dataDir))
            {
                sites = (await first.GetJson("/api/sites")).GetProperty("features").EnumerateArray()
                    .Select(f => f.GetProperty("id").GetString()!).Where(id => id.StartsWith("bts-")).Take(400).ToArray();
                using var stop = new CancellationTokenSource();
                var feeds = Enumerable.Range(0, Feeds).Select(feed => Task.Run(() => Feed(first, sites, feed, acknowledged, stop.Token))).ToArray();
                // Killed while the feeds have batches in flight: some commits are done, some not yet.
                await Until(() => acknowledged.Count >= 3_000, "the feeds have 3,000 changes acknowledged");
                await first.Kill();
                stop.Cancel();
                await Task.WhenAll(feeds);
            }

            await using var second = await ServerProcess.Start(dataDir);
            var stored = (await second.GetJson("/api/sites")).GetProperty("features").EnumerateArray()
                .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("properties").GetProperty("version").GetInt64());
            var records = await Records(Path.Combine(dataDir, "situation.db"));

            foreach (var site in sites)
            {
                var versions = records.TryGetValue(site, out var held) ? held : [];
                // One record per version from the first to the one stored: none missing, none beyond it.
                Assert.Equal(Enumerable.Range(1, (int)stored[site]).Select(v => (long)v), versions);
            }
            foreach (var (site, version) in acknowledged)
                Assert.True(stored[site] >= version, $"{site} v{version} was acknowledged, the restarted server holds v{stored[site]}");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Batches of 25 reports, each a change (health flips), back to back until stopped or the server dies.</summary>
    private static async Task Feed(ServerProcess server, string[] sites, int feed, ConcurrentBag<(string, long)> acknowledged, CancellationToken stop)
    {
        var flips = 0;
        while (!stop.IsCancellationRequested)
        {
            var health = flips++ % 2 == 0 ? "down" : "up";
            // Each feed has its own sites, so that its reports are changes, not heartbeats.
            var mine = sites.Where((_, i) => i % Feeds == feed).Take(25);
            var body = "{\"reports\":[" + string.Join(",", mine.Select(s => $$"""{"siteId":"{{s}}","health":"{{health}}","power":"grid"}""")) + "]}";
            try
            {
                using var response = await server.Http.PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, "application/json"), stop);
                if (!response.IsSuccessStatusCode) return;
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                foreach (var result in answer.GetProperty("results").EnumerateArray())
                    if (result.GetProperty("status").GetInt32() == 200)
                        acknowledged.Add((result.GetProperty("siteId").GetString()!, result.GetProperty("version").GetInt64()));
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException or JsonException)
            {
                // The server was killed under this request: what it acknowledged before is what counts.
                return;
            }
        }
    }

    /// <summary>The audit trail's versions of every site, in order, read from the database file itself.</summary>
    private static async Task<Dictionary<string, List<long>>> Records(string database)
    {
        var records = new Dictionary<string, List<long>>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT entity_id, version FROM audit WHERE entity_type = 'site' ORDER BY entity_id, version";
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var site = reader.GetString(0);
            if (!records.TryGetValue(site, out var versions))
                records[site] = versions = [];
            versions.Add(reader.GetInt64(1));
        }
        return records;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within 60 s: {what}");
            await Task.Delay(20);
        }
    }
}
