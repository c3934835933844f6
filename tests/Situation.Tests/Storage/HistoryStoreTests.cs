using Microsoft.Data.Sqlite;
using Situation.Contracts.Audit;
using Situation.Contracts.History;
using Situation.Storage.Audit;
using Situation.Storage.History;
using Situation.Storage.Postgres;
using Situation.Storage.Sqlite;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Storage;

public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    private readonly string _dir = Paths.NewTempDir("history");
    private SqliteStore? _store;

    protected override Task<(IAuditLog Audit, IHistoryStore History)> Open()
    {
        _store = new SqliteStore(Path.Combine(_dir, "situation.db"));
        return Task.FromResult<(IAuditLog, IHistoryStore)>((new SqliteAuditLog(_store), new SqliteHistoryStore(_store)));
    }

    protected override Task Close()
    {
        _store?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresHistoryStoreTests : HistoryStoreContract
{
    private PostgresAuditLog? _audit;
    private PostgresHistoryStore? _history;

    protected override async Task<(IAuditLog Audit, IHistoryStore History)> Open()
    {
        var connectionString = await TestPostgres.CreateDatabase("history");
        await PostgresSchema.ApplyAsync(connectionString);
        _audit = new PostgresAuditLog(connectionString);
        _history = new PostgresHistoryStore(connectionString);
        return (_audit, _history);
    }

    protected override async Task Close()
    {
        if (_audit is not null) await _audit.DisposeAsync();
        if (_history is not null) await _history.DisposeAsync();
    }
}
