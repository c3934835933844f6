using Situation.Storage.Sqlite;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    protected override Task AddStorage(ISiloBuilder silo)
    {
        silo.AddSqliteGrainStorage(Name, Path.Combine(Paths.NewTempDir("sqlite"), "contract.db"));
        return Task.CompletedTask;
    }
}
