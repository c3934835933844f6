using System.Globalization;
using Microsoft.Data.Sqlite;
using Situation.Contracts.Audit;
using Situation.Storage.Sqlite;

namespace Situation.Storage.Audit;

/// <summary>
/// The audit trail of the embedded default: the <c>audit</c> table of the same SQLite file as the
/// grain state, written by the file's one writer — an entity's change together with its state, any
/// other record on its own. Durable on commit (WAL, synchronous=FULL); triggers refuse any UPDATE
/// or DELETE, so the table itself is append-only.
/// </summary>
public sealed class SqliteAuditLog(SqliteStore store) : IAuditLog
{
    public Task Append(IReadOnlyList<AuditRecord> records) => store.Append(records);

    public async Task<AuditPage> Query(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReader();
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
}
