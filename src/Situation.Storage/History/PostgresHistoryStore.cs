using Npgsql;
using NpgsqlTypes;
using Situation.Contracts.History;

namespace Situation.Storage.History;

/// <summary>
/// Replay's records in cluster mode: <c>situation_audit</c> for entities, <c>situation_flag_log</c> and
/// <c>situation_history_snapshot</c> beside it (Sql/postgresql.sql). Every node appends the flags it
/// published; a snapshot saved twice by two nodes is the same snapshot, kept once.
/// </summary>
public sealed class PostgresHistoryStore(string connectionString) : IHistoryStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task AppendFlags(IReadOnlyList<FlagRecord> records)
    {
        if (records.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO situation_flag_log (at, flag_id, version, deleted, body)
            SELECT * FROM unnest(@at, @id, @version, @deleted, @body)
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. records.Select(r => r.At.ToUniversalTime())] });
        insert.Parameters.Add(new NpgsqlParameter<string[]>("id", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. records.Select(r => r.FlagId)] });
        insert.Parameters.Add(new NpgsqlParameter<long[]>("version", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. records.Select(r => r.Version)] });
        insert.Parameters.Add(new NpgsqlParameter<bool[]>("deleted", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = [.. records.Select(r => r.Deleted)] });
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("body", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. records.Select(r => r.Body)] });
        await insert.ExecuteNonQueryAsync();
    }

    public async Task<DateTimeOffset?> Earliest(IReadOnlyCollection<string> entityTypes)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var select = new NpgsqlCommand("""
            SELECT least((SELECT min(at) FROM situation_audit WHERE entity_type = ANY(@types)), (SELECT min(at) FROM situation_flag_log))
            """, connection);
        select.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. entityTypes]));
        // A timestamptz comes back as a UTC DateTime; NULL when both tables are empty.
        return await select.ExecuteScalarAsync() is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    public async Task<HistorySnapshot?> LatestSnapshot(DateTimeOffset? atOrBefore)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var select = new NpgsqlCommand(
            $"SELECT at, entities, flags FROM situation_history_snapshot {(atOrBefore is null ? "" : "WHERE at <= @at")} ORDER BY at DESC LIMIT 1", connection);
        if (atOrBefore is { } at) select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at.ToUniversalTime()));
        await using var reader = await select.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new HistorySnapshot(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<long[]>(1), reader.GetFieldValue<long[]>(2));
    }

    public async Task SaveSnapshot(HistorySnapshot snapshot)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO situation_history_snapshot (at, entities, flags) VALUES (@at, @entities, @flags) ON CONFLICT (at) DO NOTHING", connection);
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", snapshot.At.ToUniversalTime()));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("entities", snapshot.Entities));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("flags", snapshot.Flags));
        await insert.ExecuteNonQueryAsync();
    }

    public async Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Between(
        DateTimeOffset? after, DateTimeOffset upTo, IReadOnlyCollection<string> entityTypes, bool bodies, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        void Bind(NpgsqlCommand command)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("after", (after ?? DateTimeOffset.UnixEpoch).ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("upTo", upTo.ToUniversalTime()));
        }
        var entities = await Entities(connection, "WHERE at > @after AND at <= @upTo AND entity_type = ANY(@types) ORDER BY at, seq", bodies, command =>
        {
            Bind(command);
            command.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. entityTypes]));
        }, cancellationToken);
        var flags = await Flags(connection, "WHERE at > @after AND at <= @upTo ORDER BY at, seq", bodies, Bind, cancellationToken);
        return (entities, flags);
    }

    public async Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Of(
        HistorySnapshot snapshot, bool bodies, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var entities = await Entities(connection, "WHERE seq = ANY(@seqs)", bodies,
            command => command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", snapshot.Entities)), cancellationToken);
        var flags = await Flags(connection, "WHERE seq = ANY(@seqs) ORDER BY at, seq", bodies,
            command => command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", snapshot.Flags)), cancellationToken);
        return (entities, flags);
    }

    private static async Task<List<EntityRow>> Entities(NpgsqlConnection connection, string where, bool bodies, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            $"SELECT seq, at, entity_type, entity_id, version, after IS NULL, {(bodies ? "after" : "NULL::text")} FROM situation_audit {where}", connection);
        bind(select);
        var rows = new List<EntityRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new EntityRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }

    private static async Task<List<FlagRow>> Flags(NpgsqlConnection connection, string where, bool bodies, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            $"SELECT seq, at, flag_id, deleted, {(bodies ? "body" : "NULL::text")} FROM situation_flag_log {where}", connection);
        bind(select);
        var rows = new List<FlagRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new FlagRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return rows;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
