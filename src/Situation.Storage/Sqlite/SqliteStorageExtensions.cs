using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Situation.Contracts.Storage;

namespace Situation.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>
    /// Registers grain storage under a name on the <see cref="SqliteStore"/> of the silo's services
    /// (the one the audit trail writes too), with the silo's grain-storage serializer, and the
    /// reading of many stored states at once from the same file.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddGrainStorage(name, (services, _) =>
            new SqliteGrainStorage(services.GetRequiredService<SqliteStore>(), services.GetRequiredService<IGrainStorageSerializer>()));
        silo.Services.AddSingleton<IStoredStates>(services =>
            new SqliteStoredStates(services.GetRequiredService<SqliteStore>(), services.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
