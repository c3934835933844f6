using Microsoft.Data.Sqlite;
using Situation.Contracts.Reports;
using Situation.Storage.Sqlite;

namespace Situation.Storage.History;

/// <summary>The kept reports in the embedded default: the <c>sitrep</c> table of the same file.</summary>
public sealed class SqliteSitrepStore(SqliteStore store) : ISitrepStore
{
    public async Task<SitrepRecord?> Save(SitrepRecord report)
    {
        long? number = null;
        await store.Write((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO sitrep (id, from_ms, to_ms, generated_ms, generated_by, scheduled, figures)
                VALUES ($id, $from, $to, $at, $by, $scheduled, $figures) ON CONFLICT DO NOTHING RETURNING number
                """;
            insert.Parameters.AddWithValue("$id", report.Id);
            insert.Parameters.AddWithValue("$from", report.From.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$to", report.To.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$at", report.GeneratedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$by", report.GeneratedBy);
            insert.Parameters.AddWithValue("$scheduled", report.Scheduled ? 1 : 0);
            insert.Parameters.AddWithValue("$figures", report.Figures);
            number = insert.ExecuteScalar() as long?;
        });
        return number is { } n ? report with { Number = n } : null;
    }

    public async Task<IReadOnlyList<SitrepRecord>> List(int limit)
    {
        await using var connection = await store.OpenReader();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT number, id, from_ms, to_ms, generated_ms, generated_by, scheduled, '' FROM sitrep ORDER BY number DESC LIMIT $limit";
        select.Parameters.AddWithValue("$limit", limit);
        return await Read(select);
    }

    public async Task<SitrepRecord?> Get(string id)
    {
        await using var connection = await store.OpenReader();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT number, id, from_ms, to_ms, generated_ms, generated_by, scheduled, figures FROM sitrep WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        return (await Read(select)).SingleOrDefault();
    }

    public async Task<bool> HasScheduled(DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await store.OpenReader();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT count(*) FROM sitrep WHERE scheduled = 1 AND from_ms = $from AND to_ms = $to";
        select.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        select.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        return (long)(await select.ExecuteScalarAsync())! > 0;
    }

    private static async Task<List<SitrepRecord>> Read(SqliteCommand select)
    {
        var rows = new List<SitrepRecord>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new SitrepRecord(reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetString(5), reader.GetInt64(6) != 0, reader.GetString(7)) { Number = reader.GetInt64(0) });
        return rows;
    }
}
