using Npgsql;
using Situation.Contracts.Reports;

namespace Situation.Storage.History;

/// <summary>The kept reports in cluster mode: <c>situation_sitrep</c>; two nodes' schedules make one report a period.</summary>
public sealed class PostgresSitrepStore(string connectionString) : ISitrepStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<SitrepRecord?> Save(SitrepRecord report)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO situation_sitrep (id, period_from, period_to, generated_at, generated_by, scheduled, figures)
            VALUES (@id, @from, @to, @at, @by, @scheduled, @figures) ON CONFLICT DO NOTHING RETURNING number
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter<string>("id", report.Id));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", report.From.ToUniversalTime()));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", report.To.ToUniversalTime()));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", report.GeneratedAt.ToUniversalTime()));
        insert.Parameters.Add(new NpgsqlParameter<string>("by", report.GeneratedBy));
        insert.Parameters.Add(new NpgsqlParameter<bool>("scheduled", report.Scheduled));
        insert.Parameters.Add(new NpgsqlParameter<string>("figures", report.Figures));
        return await insert.ExecuteScalarAsync() is long number ? report with { Number = number } : null;
    }

    public async Task<IReadOnlyList<SitrepRecord>> List(int limit)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var select = new NpgsqlCommand(
            "SELECT number, id, period_from, period_to, generated_at, generated_by, scheduled, '' FROM situation_sitrep ORDER BY number DESC LIMIT @limit", connection);
        select.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await Read(select);
    }

    public async Task<SitrepRecord?> Get(string id)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var select = new NpgsqlCommand(
            "SELECT number, id, period_from, period_to, generated_at, generated_by, scheduled, figures FROM situation_sitrep WHERE id = @id", connection);
        select.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return (await Read(select)).SingleOrDefault();
    }

    public async Task<bool> HasScheduled(DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var select = new NpgsqlCommand(
            "SELECT count(*) FROM situation_sitrep WHERE scheduled AND period_from = @from AND period_to = @to", connection);
        select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        return (long)(await select.ExecuteScalarAsync())! > 0;
    }

    private static async Task<List<SitrepRecord>> Read(NpgsqlCommand select)
    {
        var rows = new List<SitrepRecord>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new SitrepRecord(reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5), reader.GetBoolean(6), reader.GetString(7)) { Number = reader.GetInt64(0) });
        return rows;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
