using Situation.Contracts.Audit;
using Situation.Storage.Audit;

namespace Situation.Server.Hosting;

/// <summary>The audit trail's store: a SQLite file in the data folder (embedded) or the shared PostgreSQL (cluster).</summary>
public static class AuditSetup
{
    public const string FileName = "audit.db";

    public static void AddSituationAudit(this WebApplicationBuilder builder, SituationOptions options)
    {
        if (options.IsCluster)
        {
            var postgres = builder.Configuration.GetConnectionString("Postgres")!;
            builder.Services.AddSingleton<IAuditLog>(_ => new PostgresAuditLog(postgres));
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(options.DataDir, builder.Environment.ContentRootPath), FileName);
            builder.Services.AddSingleton<IAuditLog>(_ => new SqliteAuditLog(path));
        }
    }
}
