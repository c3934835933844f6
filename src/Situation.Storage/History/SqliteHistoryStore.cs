using Microsoft.Data.Sqlite;
using Situation.Contracts.History;
using Situation.Storage.Sqlite;

namespace Situation.Storage.History;

/// <summary>
/// Replay's records in the embedded default: the <c>audit</c> table for entities, <c>flag_log</c> and
/// <c>history_snapshot</c> beside it in the same file, written by the file's one writer.
/// </summary>
public sealed class SqliteHistoryStore(SqliteStore store) : IHistoryStore
{
    public Task AppendFlags(IReadOnlyList<FlagRecord> records) =>
        records.Count == 0 ? Task.CompletedTask : store.Write((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO flag_log (at_ms, flag_id, version, deleted, body) VALUES ($at, $id, $version, $deleted, $body)";
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var version = insert.Parameters.Add("$version", SqliteType.Integer);
            var deleted = insert.Parameters.Add("$deleted", SqliteType.Integer);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            foreach (var record in records)
            {
                at.Value = record.At.ToUnixTimeMilliseconds();
                id.Value = record.FlagId;
                version.Value = record.Version;
                deleted.Value = record.Deleted ? 1 : 0;
                body.Value = (object?)record.Body ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
        });

    public async Task<DateTimeOffset?> Earliest(IReadOnlyCollection<string> entityTypes)
    {
        await using var connection = await store.OpenReader();
        await using var select = connection.CreateCommand();
        // Each by the time index, its first row: the types are few, so one seek each.
        var types = entityTypes.Select((type, i) => (type, name: $"$t{i}")).ToList();
        select.CommandText = string.Join(" UNION ALL ", types.Select(t => $"SELECT min(at_ms) FROM audit WHERE entity_type = {t.name}").Append("SELECT min(at_ms) FROM flag_log"));
        foreach (var (type, name) in types) select.Parameters.AddWithValue(name, type);
        long? earliest = null;
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (!reader.IsDBNull(0) && (earliest is null || reader.GetInt64(0) < earliest)) earliest = reader.GetInt64(0);
        return earliest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<HistorySnapshot?> LatestSnapshot(DateTimeOffset? atOrBefore)
    {
        await using var connection = await store.OpenReader();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT at_ms, entities, flags FROM history_snapshot {(atOrBefore is null ? "" : "WHERE at_ms <= $at")} ORDER BY at_ms DESC LIMIT 1";
        if (atOrBefore is { } at) select.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        await using var reader = await select.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new HistorySnapshot(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
            SeqBlob.Read((byte[])reader.GetValue(1)), SeqBlob.Read((byte[])reader.GetValue(2)));
    }

    public Task SaveSnapshot(HistorySnapshot snapshot) => store.Write((connection, transaction) =>
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO history_snapshot (at_ms, entities, flags) VALUES ($at, $entities, $flags) ON CONFLICT (at_ms) DO NOTHING";
        insert.Parameters.AddWithValue("$at", snapshot.At.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$entities", SeqBlob.Write(snapshot.Entities));
        insert.Parameters.AddWithValue("$flags", SeqBlob.Write(snapshot.Flags));
        insert.ExecuteNonQuery();
    });

    public async Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Between(
        DateTimeOffset? after, DateTimeOffset upTo, IReadOnlyCollection<string> entityTypes, bool bodies, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReader();
        var types = string.Join(",", entityTypes.Select((_, i) => $"$t{i}"));
        // By the time index, whatever the types: SQLite would otherwise take the (type, id, version)
        // index for "entity_type IN" and read every version of every site to find one half hour's.
        var entities = await Entities(connection, $"""
            INDEXED BY audit_at WHERE at_ms > $after AND at_ms <= $upTo AND entity_type IN ({types}) ORDER BY at_ms, seq
            """, bodies, command =>
        {
            Range(command, after, upTo);
            var i = 0;
            foreach (var type in entityTypes) command.Parameters.AddWithValue($"$t{i++}", type);
        }, cancellationToken);
        var flags = await Flags(connection, "WHERE at_ms > $after AND at_ms <= $upTo ORDER BY at_ms, seq", bodies,
            command => Range(command, after, upTo), cancellationToken);
        return (entities, flags);
    }

    public async Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Of(
        HistorySnapshot snapshot, bool bodies, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReader();
        var entities = await Entities(connection, "WHERE seq IN (SELECT value FROM json_each($seqs))", bodies,
            command => command.Parameters.AddWithValue("$seqs", SeqBlob.Json(snapshot.Entities)), cancellationToken);
        var flags = await Flags(connection, "WHERE seq IN (SELECT value FROM json_each($seqs)) ORDER BY at_ms, seq", bodies,
            command => command.Parameters.AddWithValue("$seqs", SeqBlob.Json(snapshot.Flags)), cancellationToken);
        return (entities, flags);
    }

    private static void Range(SqliteCommand command, DateTimeOffset? after, DateTimeOffset upTo)
    {
        command.Parameters.AddWithValue("$after", after?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$upTo", upTo.ToUnixTimeMilliseconds());
    }

    private static async Task<List<EntityRow>> Entities(SqliteConnection connection, string where, bool bodies, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT seq, at_ms, entity_type, entity_id, version, after IS NULL, {(bodies ? "after" : "NULL")} FROM audit {where}";
        bind(select);
        var rows = new List<EntityRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new EntityRow(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5) != 0, reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }

    private static async Task<List<FlagRow>> Flags(SqliteConnection connection, string where, bool bodies, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT seq, at_ms, flag_id, deleted, {(bodies ? "body" : "NULL")} FROM flag_log {where}";
        bind(select);
        var rows = new List<FlagRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new FlagRow(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetInt64(3) != 0, reader.IsDBNull(4) ? null : reader.GetString(4)));
        return rows;
    }
}
