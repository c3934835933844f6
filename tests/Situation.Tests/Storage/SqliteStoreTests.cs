using Microsoft.Data.Sqlite;
using Situation.Contracts.Audit;
using Situation.Storage.Sqlite;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Storage;

/// <summary>The embedded default's database file: state and audit trail, and the trail's move into it.</summary>
public sealed class SqliteStoreTests
{
    [Fact]
    public async Task An_audit_trail_kept_in_a_file_of_its_own_is_imported_once_in_order_and_the_file_set_aside()
    {
        var dir = Paths.NewTempDir("import");
        try
        {
            var former = Path.Combine(dir, "audit.db");
            await using (var old = new SqliteConnection($"Data Source={former};Pooling=False"))
            {
                await old.OpenAsync();
                await using var create = old.CreateCommand();
                // The shape the trail had in its own file.
                create.CommandText = """
                    CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, actor TEXT NOT NULL,
                        entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, version INTEGER NOT NULL, action TEXT NOT NULL,
                        before TEXT, after TEXT, UNIQUE (entity_type, entity_id, version));
                    INSERT INTO audit (at_ms, actor, entity_type, entity_id, version, action, before, after) VALUES
                        (1611820800000, 'district-622', 'district', '622', 2, 'set-level', '{"level":"normal"}', '{"level":"lockdown"}'),
                        (1611820860000, 'leader', 'flag', 'postal_gap.district.625', 7, 'acknowledge', NULL, '{}');
                    """;
                await create.ExecuteNonQueryAsync();
            }

            using var store = new SqliteStore(Path.Combine(dir, "situation.db"));
            var log = new Situation.Storage.Audit.SqliteAuditLog(store);
            // A record already moved (say, by an import that died before setting the file aside) is kept once.
            await store.Append([new AuditRecord(DateTimeOffset.FromUnixTimeMilliseconds(1611820800000), "district-622", "district", "622", 2, "set-level", null, null)]);

            Assert.Equal(2, store.ImportAuditFile(former));
            Assert.Null(store.ImportAuditFile(former));

            var trail = (await log.Query(new AuditQuery())).Items;
            Assert.Equal([("flag", 7L), ("district", 2L)], trail.Select(r => (r.EntityType, r.Version)));
            Assert.Equal(("leader", "acknowledge"), (trail[0].Actor, trail[0].Action));
            Assert.False(File.Exists(former));
            Assert.True(File.Exists(former + ".imported"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_write_of_another_table_that_fails_fails_alone_and_the_states_beside_it_are_stored()
    {
        var dir = Paths.NewTempDir("store-work");
        try
        {
            using var store = new SqliteStore(Path.Combine(dir, "situation.db"));
            // The writer is held in a first transaction while the three are queued, so it takes them in one.
            using var taken = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var holding = store.Write((_, _) =>
            {
                taken.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            });
            Assert.True(taken.Wait(TimeSpan.FromSeconds(30)));
            var failing = store.Write((connection, transaction) =>
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO no_such_table VALUES (1)";
                insert.ExecuteNonQuery();
            });
            var state = store.WriteState("state", "grain-1", null, [1, 2, 3],
                new AuditRecord(DateTimeOffset.UnixEpoch, "tester", "site", "s1", 1, "report", null, "{}"));
            var flag = store.Write((connection, transaction) =>
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO flag_log (at_ms, flag_id, version, deleted, body) VALUES (1, 'f', 1, 0, '{}')";
                insert.ExecuteNonQuery();
            });

            release.Set();
            await holding;
            await Assert.ThrowsAsync<SqliteException>(() => failing);
            Assert.Equal(1, await state);
            await flag;
            await using var reader = await store.OpenReader();
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT (SELECT count(*) FROM grain_state) + (SELECT count(*) FROM audit) + (SELECT count(*) FROM flag_log)";
            Assert.Equal(3L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_storm_of_writes_keeps_the_write_ahead_log_within_the_writers_checkpoint_size()
    {
        var dir = Paths.NewTempDir("store-wal");
        try
        {
            var path = Path.Combine(dir, "situation.db");
            using var store = new SqliteStore(path);
            // 120 MB of states in groups, as a storm sends them: without checkpoints the log would
            // hold every page of it.
            var payload = new byte[4000];
            const int writes = 30_000;
            for (var from = 0; from < writes; from += 1_000)
                await Task.WhenAll(Enumerable.Range(from, 1_000).Select(i => store.WriteState("site", $"site/bts-{i:00000}", null, payload, null)));

            // At most the checkpoint size, and the pages of one group beyond it (a 4 KB page each,
            // and its frame header).
            var bound = (SqliteStore.CheckpointPages + 2_000) * (4096L + 24);
            var log = new FileInfo(path + "-wal").Length;
            Assert.True((long)writes * payload.Length > 2 * bound, "the writes must outgrow the bound for the test to mean anything");
            Assert.True(log <= bound, $"the log grew to {log / 1_048_576} MB");
            await using var reader = await store.OpenReader();
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*) FROM grain_state WHERE state_name = 'site'";
            Assert.Equal(writes, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
