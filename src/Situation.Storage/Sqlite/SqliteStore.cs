using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Situation.Contracts.Audit;

namespace Situation.Storage.Sqlite;

/// <summary>
/// The embedded default's one database file: grain state and the audit trail side by side, written
/// by a single writer. Whatever is queued while a transaction commits goes into the next one (group
/// commit), so many grains writing at once share one fsync; and a state written with its audit
/// record (<see cref="IAuditedState"/>) is stored with that record in the same transaction, so
/// neither can exist without the other.
/// </summary>
public sealed class SqliteStore : IDisposable
{
    private readonly ILogger _logger;
    private readonly int _maxBatch;

    /// <summary>How many pages the write-ahead log holds before the writer copies them into the file.</summary>
    public const int CheckpointPages = 10_000;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Task _writer;

    public SqliteStore(string databasePath, ILogger<SqliteStore>? logger = null, int maxWritesPerTransaction = 512)
    {
        var path = Path.GetFullPath(databasePath);
        PrivateFiles.Prepare(path);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _logger = logger ?? NullLogger<SqliteStore>.Instance;
        _maxBatch = Math.Max(1, maxWritesPerTransaction);
        SqliteSchema.Ensure(ConnectionString);
        _writer = Task.Run(WriteLoop);
    }

    private string ConnectionString { get; }

    /// <summary>A connection for reading: WAL lets it read while the writer commits.</summary>
    public Task<SqliteConnection> OpenReader() => SqliteSchema.OpenAsync(ConnectionString);

    /// <summary>
    /// Stores a grain's state (or clears it when the payload is null) if the stored ETag is still the
    /// expected one, with the audit record of the change it holds, if any; answers the new ETag.
    /// </summary>
    public Task<long> WriteState(string stateName, string grainId, string? expectedETag, byte[]? payload, AuditRecord? record) =>
        Enqueue(new StateWrite(stateName, grainId, expectedETag, payload, record));

    /// <summary>Appends records that belong to no entity state (flag acknowledgements, accounts and keys).</summary>
    public Task Append(IReadOnlyList<AuditRecord> records) =>
        records.Count == 0 ? Task.CompletedTask : Enqueue(new AuditAppend(records));

    /// <summary>
    /// Writes to a table of this file beside the state (the flag log, replay's snapshots) in the
    /// writer's next transaction: the work is given the connection and that transaction, and its
    /// task completes once they are committed. A work that fails is undone alone.
    /// </summary>
    public Task Write(Action<SqliteConnection, SqliteTransaction> work) => Enqueue(new Work(work));

    /// <summary>
    /// Copies the records of an audit trail kept in a file of its own (as it once was) into this
    /// file's, in their order, then renames that file so it is imported once; a record already
    /// here is kept. Answers how many records the file held, or null when there is no such file.
    /// </summary>
    public long? ImportAuditFile(string path)
    {
        if (!File.Exists(path))
            return null;
        long count;
        using (var connection = SqliteSchema.OpenAsync(ConnectionString).GetAwaiter().GetResult())
        {
            using var import = connection.CreateCommand();
            import.CommandText = """
                ATTACH DATABASE $path AS former;
                BEGIN;
                INSERT INTO audit (at_ms, actor, entity_type, entity_id, version, action, before, after)
                    SELECT at_ms, actor, entity_type, entity_id, version, action, before, after FROM former.audit ORDER BY seq
                    ON CONFLICT (entity_type, entity_id, version) DO NOTHING;
                COMMIT;
                SELECT count(*) FROM former.audit;
                """;
            import.Parameters.AddWithValue("$path", path);
            count = (long)import.ExecuteScalar()!;
            using var detach = connection.CreateCommand();
            detach.CommandText = "DETACH DATABASE former";
            detach.ExecuteNonQuery();
        }
        File.Move(path, path + ".imported", overwrite: true);
        foreach (var companion in new[] { "-wal", "-shm" })
            if (File.Exists(path + companion)) File.Move(path + companion, path + ".imported" + companion, overwrite: true);
        return count;
    }

    private Task<long> Enqueue(Pending write)
    {
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(SqliteStore));
        return write.Done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(_maxBatch);
        await using var connection = await SqliteSchema.OpenAsync(ConnectionString);
        using (var checkpoints = connection.CreateCommand())
        {
            // The writer copies the log back into the file once it holds 10,000 pages (~40 MB), not
            // SQLite's 1,000: a storm rewrites the same few thousand pages of states and audit index
            // in every group commit, and each checkpoint copies a page once however often the log
            // holds it — at 1,000 the writer spent much of its time copying (back-to-back batches:
            // 16,098–20,188 reports/s, now 20,262–22,723). The log stays bounded by that size.
            checkpoints.CommandText = $"PRAGMA wal_autocheckpoint = {CheckpointPages}";
            checkpoints.ExecuteNonQuery();
        }
        using var statements = new Statements(connection);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
                batch.Add(write);
            Commit(connection, statements, batch);
        }
    }

    private void Commit(SqliteConnection connection, Statements statements, List<Pending> batch)
    {
        var outcomes = new (long ETag, Exception? Error)[batch.Count];
        try
        {
            using var transaction = connection.BeginTransaction();
            statements.Enlist(transaction);
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            for (var i = 0; i < batch.Count; i++)
                outcomes[i] = batch[i] switch
                {
                    StateWrite write => statements.Apply(write, now),
                    AuditAppend append => statements.Apply(append),
                    Work work => Run(work, connection, transaction),
                    _ => throw new InvalidOperationException(batch[i].GetType().Name),
                };
            transaction.Commit();
        }
        catch (Exception error)
        {
            _logger.LogError(error, "SQLite store failed to commit {Count} writes", batch.Count);
            foreach (var write in batch)
                write.Done.TrySetException(error);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } conflict) batch[i].Done.TrySetException(conflict);
            else batch[i].Done.TrySetResult(outcomes[i].ETag);
        }
    }

    /// <summary>A work in a savepoint of its own: if it fails, it alone is undone, and the states beside it still commit.</summary>
    private static (long, Exception?) Run(Work work, SqliteConnection connection, SqliteTransaction transaction)
    {
        transaction.Save("work");
        try
        {
            work.Action(connection, transaction);
            transaction.Release("work");
            return (0, null);
        }
        catch (SqliteException error)
        {
            transaction.Rollback("work");
            transaction.Release("work");
            return (0, error);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        try { _writer.Wait(TimeSpan.FromSeconds(10)); }
        catch (AggregateException error) { _logger.LogError(error, "SQLite writer stopped with an error"); }
    }

    private abstract record Pending
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record StateWrite(string StateName, string GrainId, string? ExpectedETag, byte[]? Payload, AuditRecord? Record) : Pending;

    private sealed record AuditAppend(IReadOnlyList<AuditRecord> Records) : Pending;

    private sealed record Work(Action<SqliteConnection, SqliteTransaction> Action) : Pending;

    /// <summary>The writer's statements, prepared once and reused for every write.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _etag;
        private readonly SqliteCommand _audit;

        public Statements(SqliteConnection connection)
        {
            _insert = Command(connection, """
                INSERT INTO grain_state (state_name, grain_id, payload, etag, written_at) VALUES ($state, $grain, $payload, 1, $at)
                ON CONFLICT (state_name, grain_id) DO NOTHING
                """, "$state", "$grain", "$payload", "$at");
            _update = Command(connection, """
                UPDATE grain_state SET payload = $payload, etag = etag + 1, written_at = $at
                WHERE state_name = $state AND grain_id = $grain AND etag = $expected
                """, "$state", "$grain", "$payload", "$at", "$expected");
            _delete = Command(connection, "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $expected",
                "$state", "$grain", "$expected");
            _etag = Command(connection, "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain", "$state", "$grain");
            _audit = Command(connection, """
                INSERT INTO audit (at_ms, actor, entity_type, entity_id, version, action, before, after)
                VALUES ($at, $actor, $type, $id, $version, $action, $before, $after)
                ON CONFLICT (entity_type, entity_id, version) DO NOTHING
                """, "$at", "$actor", "$type", "$id", "$version", "$action", "$before", "$after");
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var command in new[] { _insert, _update, _delete, _etag, _audit })
                command.Transaction = transaction;
        }

        /// <summary>One state write inside the batch's transaction; a stale ETag fails only that write (and stores no record).</summary>
        public (long, Exception?) Apply(StateWrite write, string now)
        {
            long expected = 0;
            if (write.ExpectedETag is not null && !long.TryParse(write.ExpectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
                return (0, Conflict(write));
            int changed;
            if (write.Payload is null)
            {
                // Clearing what the grain believes was never stored succeeds only if nothing is stored.
                changed = write.ExpectedETag is null ? (Stored(write) is null ? 1 : 0) : Run(_delete, write.StateName, write.GrainId, null, null, expected);
            }
            else if (write.ExpectedETag is null)
            {
                changed = Run(_insert, write.StateName, write.GrainId, write.Payload, now, null);
            }
            else
            {
                changed = Run(_update, write.StateName, write.GrainId, write.Payload, now, expected);
            }
            if (changed != 1)
                return (0, Conflict(write));
            if (write.Record is { } record)
                Append([record]);
            return (write.Payload is null ? 0 : expected + 1, null);
        }

        private static int Run(SqliteCommand command, string state, string grain, byte[]? payload, string? at, long? expected)
        {
            command.Parameters["$state"].Value = state;
            command.Parameters["$grain"].Value = grain;
            if (payload is not null) command.Parameters["$payload"].Value = payload;
            if (at is not null) command.Parameters["$at"].Value = at;
            if (expected is not null) command.Parameters["$expected"].Value = expected.Value;
            return command.ExecuteNonQuery();
        }

        private string? Stored(StateWrite write)
        {
            _etag.Parameters["$state"].Value = write.StateName;
            _etag.Parameters["$grain"].Value = write.GrainId;
            return _etag.ExecuteScalar() is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
        }

        private InconsistentStateException Conflict(StateWrite write)
        {
            var stored = Stored(write);
            return new InconsistentStateException(
                $"Version conflict writing {write.StateName} of {write.GrainId}: expected ETag '{write.ExpectedETag}', stored '{stored}'",
                stored ?? "", write.ExpectedETag ?? "");
        }

        public (long, Exception?) Apply(AuditAppend append)
        {
            Append(append.Records);
            return (0, null);
        }

        /// <summary>Appends records; one already stored (same entity and version) is kept as it was.</summary>
        private void Append(IReadOnlyList<AuditRecord> records)
        {
            var p = _audit.Parameters;
            foreach (var record in records)
            {
                p["$at"].Value = record.At.ToUnixTimeMilliseconds();
                p["$actor"].Value = record.Actor;
                p["$type"].Value = record.EntityType;
                p["$id"].Value = record.EntityId;
                p["$version"].Value = record.Version;
                p["$action"].Value = record.Action;
                p["$before"].Value = (object?)record.Before ?? DBNull.Value;
                p["$after"].Value = (object?)record.After ?? DBNull.Value;
                _audit.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            foreach (var command in new[] { _insert, _update, _delete, _etag, _audit })
                command.Dispose();
        }
    }
}
