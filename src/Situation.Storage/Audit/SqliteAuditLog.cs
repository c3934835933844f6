using System.Globalization;
using Microsoft.Data.Sqlite;
using Situation.Contracts.Audit;
using Situation.Storage.Sqlite;

namespace Situation.Storage.Audit;

/// <summary>
/// The audit trail of the embedded default, in its own SQLite file beside the grain state so the
/// two writers never wait on each other's lock. Durable on commit (WAL, synchronous=FULL);
/// triggers refuse any UPDATE or DELETE, so the file itself is append-only.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly AuditBatches _batches;

    public SqliteAuditLog(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        EnsureSchema();
        _batches = new AuditBatches(Write);
    }

    public Task Append(IReadOnlyList<AuditRecord> records) => _batches.Append(records);

    /// <summary>Opened as the grain storage opens its file: durable commits, patient with a busy writer.</summary>
    private Task<SqliteConnection> Open() => SqliteSchema.OpenAsync(_connectionString);

    private void EnsureSchema()
    {
        using var connection = Open().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS audit (
                seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                at_ms       INTEGER NOT NULL,
                actor       TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id   TEXT NOT NULL,
                version     INTEGER NOT NULL,
                action      TEXT NOT NULL,
                before      TEXT,
                after       TEXT,
                UNIQUE (entity_type, entity_id, version)
            );
            CREATE INDEX IF NOT EXISTS audit_at ON audit (at_ms);
            CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, seq);
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """;
        command.ExecuteNonQuery();
    }

    private async Task Write(IReadOnlyList<AuditRecord> records)
    {
        await using var connection = await Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit (at_ms, actor, entity_type, entity_id, version, action, before, after)
            VALUES ($at, $actor, $type, $id, $version, $action, $before, $after)
            ON CONFLICT (entity_type, entity_id, version) DO NOTHING
            """;
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var actor = insert.Parameters.Add("$actor", SqliteType.Text);
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var version = insert.Parameters.Add("$version", SqliteType.Integer);
        var action = insert.Parameters.Add("$action", SqliteType.Text);
        var before = insert.Parameters.Add("$before", SqliteType.Text);
        var after = insert.Parameters.Add("$after", SqliteType.Text);
        foreach (var record in records)
        {
            at.Value = record.At.ToUnixTimeMilliseconds();
            actor.Value = record.Actor;
            type.Value = record.EntityType;
            id.Value = record.EntityId;
            version.Value = record.Version;
            action.Value = record.Action;
            before.Value = (object?)record.Before ?? DBNull.Value;
            after.Value = (object?)record.After ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public async Task<AuditPage> Query(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open();
        await using var select = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is null) return;
            where.Add(clause);
            select.Parameters.AddWithValue(name, value);
        }
        Filter("entity_type = $type", "$type", query.EntityType);
        Filter("entity_id = $id", "$id", query.EntityId);
        Filter("actor = $actor", "$actor", query.Actor);
        Filter("at_ms >= $from", "$from", query.From?.ToUnixTimeMilliseconds());
        Filter("at_ms < $to", "$to", query.To?.ToUnixTimeMilliseconds());
        Filter("seq < $before", "$before", query.Before);
        select.CommandText = $"""
            SELECT seq, at_ms, actor, entity_type, entity_id, version, action, before, after FROM audit
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY seq DESC LIMIT {(query.Limit + 1).ToString(CultureInfo.InvariantCulture)}
            """;
        var items = new List<AuditRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AuditRecord(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8))
            {
                Seq = reader.GetInt64(0),
            });
        }
        return AuditPages.Cut(items, query.Limit);
    }

    public ValueTask DisposeAsync() => _batches.DisposeAsync();
}
