using Microsoft.Extensions.DependencyInjection;
using Situation.Storage.Sqlite;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    protected override Task AddStorage(ISiloBuilder silo)
    {
        var path = Path.Combine(Paths.NewTempDir("sqlite"), "contract.db");
        silo.Services.AddSingleton(_ => new SqliteStore(path));
        silo.AddSqliteGrainStorage(Name);
        return Task.CompletedTask;
    }
}
