using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace Situation.Storage.Sqlite;

/// <summary>
/// Grain storage on a local SQLite file for the embedded default (Orleans' ADO.NET providers do not
/// support SQLite). Optimistic concurrency with the ETag as Orleans expects it. Writes go through one
/// writer that commits whatever is queued in a single durable transaction (group commit), so many
/// grains writing at once share one fsync instead of paying one each.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Task _writer;

    public SqliteGrainStorage(SqliteStorageOptions options, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _serializer = serializer;
        _logger = logger;
        _maxBatch = Math.Max(1, options.MaxWritesPerTransaction);
        SqliteSchema.Ensure(_connectionString);
        _writer = Task.Run(WriteLoop);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await SqliteSchema.OpenAsync(_connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, etag FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var payload = (byte[])reader.GetValue(0);
        grainState.State = _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialise now, on the caller's turn: the state object may change once the grain moves on.
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var newETag = await Enqueue(new PendingWrite(stateName, grainId.ToString(), grainState.ETag, payload));
        grainState.ETag = newETag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Enqueue(new PendingWrite(stateName, grainId.ToString(), grainState.ETag, Payload: null));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<long> Enqueue(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(SqliteGrainStorage));
        return await write.Done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(_maxBatch);
        await using var connection = await SqliteSchema.OpenAsync(_connectionString);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
                batch.Add(write);
            Commit(connection, batch);
        }
    }

    private void Commit(SqliteConnection connection, List<PendingWrite> batch)
    {
        var outcomes = new (long ETag, Exception? Error)[batch.Count];
        try
        {
            using var transaction = connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++)
                outcomes[i] = Apply(connection, transaction, batch[i]);
            transaction.Commit();
        }
        catch (Exception error)
        {
            _logger.LogError(error, "SQLite grain storage failed to commit {Count} writes", batch.Count);
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

    /// <summary>One write inside the batch's transaction; a stale ETag fails only that write.</summary>
    private static (long, Exception?) Apply(SqliteConnection connection, SqliteTransaction transaction, PendingWrite write)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        read.Parameters.AddWithValue("$state", write.StateName);
        read.Parameters.AddWithValue("$grain", write.GrainId);
        var stored = read.ExecuteScalar() is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
        if (stored != write.ExpectedETag)
        {
            return (0, new InconsistentStateException(
                $"Version conflict writing {write.StateName} of {write.GrainId}: expected ETag '{write.ExpectedETag}', stored '{stored}'",
                stored ?? "", write.ExpectedETag ?? ""));
        }

        using var change = connection.CreateCommand();
        change.Transaction = transaction;
        change.Parameters.AddWithValue("$state", write.StateName);
        change.Parameters.AddWithValue("$grain", write.GrainId);
        if (write.Payload is null)
        {
            change.CommandText = "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain";
            change.ExecuteNonQuery();
            return (0, null);
        }
        var next = stored is null ? 1 : long.Parse(stored, CultureInfo.InvariantCulture) + 1;
        change.CommandText = """
            INSERT INTO grain_state (state_name, grain_id, payload, etag, written_at)
            VALUES ($state, $grain, $payload, $etag, $at)
            ON CONFLICT (state_name, grain_id) DO UPDATE SET payload = excluded.payload, etag = excluded.etag, written_at = excluded.written_at
            """;
        change.Parameters.AddWithValue("$payload", write.Payload);
        change.Parameters.AddWithValue("$etag", next);
        change.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        change.ExecuteNonQuery();
        return (next, null);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        try { _writer.Wait(TimeSpan.FromSeconds(10)); }
        catch (AggregateException error) { _logger.LogError(error, "SQLite writer stopped with an error"); }
    }

    private sealed record PendingWrite(string StateName, string GrainId, string? ExpectedETag, byte[]? Payload)
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
