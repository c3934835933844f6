using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Situation.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>Registers the SQLite grain storage under a name, with the silo's grain-storage serializer.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        silo.Services.AddGrainStorage(name, (services, _) => new SqliteGrainStorage(
            new SqliteStorageOptions { DatabasePath = databasePath },
            services.GetRequiredService<IGrainStorageSerializer>(),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return silo;
    }
}
