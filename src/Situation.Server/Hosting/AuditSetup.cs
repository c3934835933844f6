using Situation.Contracts.Audit;
using Situation.Contracts.History;
using Situation.Contracts.Reports;
using Situation.Storage.Audit;
using Situation.Storage.History;
using Situation.Storage.Sqlite;

namespace Situation.Server.Hosting;

/// <summary>
/// Where state, the audit trail and replay's records are kept: one SQLite file in the data folder
/// (embedded), whose single writer stores a change and its record together; or the shared PostgreSQL (cluster).
/// </summary>
public static class AuditSetup
{
    public const string DatabaseFile = "situation.db";

    /// <summary>The audit trail's own file before it joined the state's; imported once when found.</summary>
    private const string FormerAuditFile = "audit.db";

    public static void AddSituationAudit(this WebApplicationBuilder builder, SituationOptions options)
    {
        if (options.IsCluster)
        {
            var postgres = builder.Configuration.GetConnectionString("Postgres")!;
            builder.Services.AddSingleton<IAuditLog>(_ => new PostgresAuditLog(postgres));
            builder.Services.AddSingleton<IHistoryStore>(_ => new PostgresHistoryStore(postgres));
            builder.Services.AddSingleton<ISitrepStore>(_ => new PostgresSitrepStore(postgres));
            return;
        }
        var dataDir = Path.GetFullPath(options.DataDir, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(services =>
        {
            var store = new SqliteStore(Path.Combine(dataDir, DatabaseFile), services.GetRequiredService<ILogger<SqliteStore>>());
            var imported = store.ImportAuditFile(Path.Combine(dataDir, FormerAuditFile));
            if (imported is not null)
                services.GetRequiredService<ILogger<SqliteStore>>().LogWarning(
                    "Imported {Count} audit records from {File} into {Database}", imported, FormerAuditFile, DatabaseFile);
            return store;
        });
        builder.Services.AddSingleton<IAuditLog>(services => new SqliteAuditLog(services.GetRequiredService<SqliteStore>()));
        builder.Services.AddSingleton<IHistoryStore>(services => new SqliteHistoryStore(services.GetRequiredService<SqliteStore>()));
        builder.Services.AddSingleton<ISitrepStore>(services => new SqliteSitrepStore(services.GetRequiredService<SqliteStore>()));
    }
}
