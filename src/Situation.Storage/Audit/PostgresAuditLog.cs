using Npgsql;
using NpgsqlTypes;
using Situation.Contracts.Audit;

namespace Situation.Storage.Audit;

/// <summary>
/// The audit trail of cluster mode, in the <c>situation_audit</c> table of the shared PostgreSQL
/// (created by Sql/postgresql.sql). Every node appends its own changes; the sequence orders them.
/// </summary>
public sealed class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly AuditBatches _batches;

    public PostgresAuditLog(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _batches = new AuditBatches(Write);
    }

    public Task Append(IReadOnlyList<AuditRecord> records) => _batches.Append(records);

    private async Task Write(IReadOnlyList<AuditRecord> records)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        // One statement for the whole batch: the arrays are unnested row by row, in order.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO situation_audit (at, actor, entity_type, entity_id, version, action, before, after)
            SELECT * FROM unnest(@at, @actor, @type, @id, @version, @action, @before, @after)
            ON CONFLICT (entity_type, entity_id, version) DO NOTHING
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = records.Select(r => r.At.ToUniversalTime()).ToArray() });
        Text(insert, "actor", records.Select(r => r.Actor));
        Text(insert, "type", records.Select(r => r.EntityType));
        Text(insert, "id", records.Select(r => r.EntityId));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("version", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = records.Select(r => r.Version).ToArray() });
        Text(insert, "action", records.Select(r => r.Action));
        Text(insert, "before", records.Select(r => r.Before));
        Text(insert, "after", records.Select(r => r.After));
        await insert.ExecuteNonQueryAsync();
    }

    private static void Text(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values.ToArray() });

    public async Task<AuditPage> Query(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand { Connection = connection };
        var where = new List<string>();
        void Filter<T>(string clause, string name, T? value)
        {
            if (value is null) return;
            where.Add(clause);
            select.Parameters.Add(new NpgsqlParameter<T>(name, value));
        }
        Filter("entity_type = @type", "type", query.EntityType);
        Filter("entity_id = @id", "id", query.EntityId);
        Filter("actor = @actor", "actor", query.Actor);
        Filter("at >= @from", "from", query.From?.ToUniversalTime());
        Filter("at < @to", "to", query.To?.ToUniversalTime());
        Filter("seq < @before", "before", query.Before);
        select.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit + 1));
        select.CommandText = $"""
            SELECT seq, at, actor, entity_type, entity_id, version, action, before, after FROM situation_audit
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY seq DESC LIMIT @limit
            """;
        var items = new List<AuditRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AuditRecord(
                reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8))
            {
                Seq = reader.GetInt64(0),
            });
        }
        return AuditPages.Cut(items, query.Limit);
    }

    public async ValueTask DisposeAsync()
    {
        await _batches.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
