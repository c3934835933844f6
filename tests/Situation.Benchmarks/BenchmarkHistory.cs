using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Situation.Contracts.Audit;
using Situation.Contracts.History;
using Situation.Contracts.Json;
using Situation.Contracts.Views;
using Situation.Server.Api.Json;
using Situation.Server.History;
using Situation.Storage.Audit;
using Situation.Storage.History;
using Situation.Storage.Sqlite;

namespace Situation.Benchmarks;

/// <summary>
/// A province's history in the embedded default's SQLite file, for the benchmarks that read history:
/// every entity created at its start, then 1,000 site reports an hour (a random base station down or
/// back, each down one raising a flag that its return clears), and the snapshots replay takes. It is
/// written once into the temporary folder and kept for later runs: writing it takes longer than reading it.
/// </summary>
public static class BenchmarkHistory
{
    private const int ReportsPerHour = 1_000;
    private static readonly DateTimeOffset Start = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The database file of the history, and when it ends.</summary>
    public static (string Path, DateTimeOffset End) Open(int sites, int days)
    {
        var end = Start.AddDays(days);
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"situation-replay-bench-{sites}-{days}");
        var ready = System.IO.Path.Combine(dir, "ready");
        var path = System.IO.Path.Combine(dir, "situation.db");
        if (!File.Exists(ready))
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            using var store = new SqliteStore(path);
            Write(store, sites, end).GetAwaiter().GetResult();
            File.WriteAllText(ready, "");
        }
        return (path, end);
    }

    private static async Task Write(SqliteStore store, int sites, DateTimeOffset end)
    {
        var audit = new SqliteAuditLog(store);
        var history = new SqliteHistoryStore(store);
        var province = BenchmarkProvince.Build(sites, zones: 20);
        var records = province.Select(v => new AuditRecord(Start, "seed", v.EntityType, v.Id, v.Version, "create", null, ViewJson.Write(v with { UpdatedAt = Start }))).ToList();
        foreach (var chunk in records.Chunk(5_000)) await audit.Append(chunk);

        var bts = province.OfType<SiteView>().Where(s => s.Kind == "bts").ToDictionary(s => s.Id);
        var ids = bts.Keys.Order(StringComparer.Ordinal).ToArray();
        var random = new Random(17);
        var gap = TimeSpan.FromHours(1) / ReportsPerHour;
        var entities = new List<AuditRecord>();
        var flags = new List<FlagRecord>();
        for (var at = Start + gap; at < end; at += gap)
        {
            var site = bts[ids[random.Next(ids.Length)]];
            var down = site.Health == "up";
            var next = site with
            {
                Version = site.Version + 1, Health = down ? "down" : "up", EffectiveHealth = down ? "down" : "up",
                Power = down ? "battery" : "grid", Causes = down ? ["power"] : [], LastReportAt = at, UpdatedAt = at, UpdatedBy = "operator",
            };
            bts[site.Id] = next;
            entities.Add(new AuditRecord(at, "operator", "site", site.Id, next.Version, "report", ViewJson.Write(site), ViewJson.Write(next)));
            var flag = new FlagView
            {
                Id = FlagView.IdFor("power_critical", "site", site.Id), Version = 1, Kind = "power_critical", Subject = new FlagSubject("site", site.Id),
                DistrictId = site.DistrictId, Severity = "critical", Since = at,
            };
            flags.Add(new FlagRecord(at, flag.Id, 1, Deleted: !down, down ? JsonSerializer.Serialize(flag, ApiJson.Options) : null));
            if (entities.Count == 5_000)
            {
                await audit.Append(entities);
                await history.AppendFlags(flags);
                entities = [];
                flags = [];
            }
        }
        await audit.Append(entities);
        await history.AppendFlags(flags);
        var snapshots = new HistorySnapshots(history, new FixedClock(end), Options.Create(new HistoryOptions { SettleTime = TimeSpan.Zero }), NullLogger<HistorySnapshots>.Instance);
        await snapshots.TakeDue();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

}
