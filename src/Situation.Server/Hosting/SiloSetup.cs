using System.Text.Encodings.Web;
using Orleans.Serialization;
using Orleans.Dashboard;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orleans.Configuration;
using Orleans.Storage;
using Situation.Contracts.Storage;
using Situation.Grains.Calls;
using Situation.Storage.Postgres;
using Situation.Storage.Sqlite;

namespace Situation.Server.Hosting;

/// <summary>The Orleans silo co-hosted with the web API, in either mode: embedded (SQLite, one node) or cluster (PostgreSQL, Redis).</summary>
public static class SiloSetup
{
    public const string StorageName = "Default";

    /// <summary>The service whose grain states the storage keeps, in every mode.</summary>
    private const string ServiceId = "situation";

    public static void AddSituationSilo(this WebApplicationBuilder builder, SituationOptions options)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        X509Certificate2? certificate = null;
        if (options.IsCluster)
        {
            if (string.IsNullOrWhiteSpace(postgres))
                throw new InvalidOperationException("Cluster mode needs ConnectionStrings:Postgres");
            certificate = ClusterCertificate.Load(options.Cluster);
            // Before the silo: membership and storage need their tables when the silo starts.
            builder.Services.AddHostedService(_ => new PostgresSchemaStartup(postgres));
        }

        builder.UseOrleans(silo =>
        {
            silo.UseSystemTextJsonGrainStorageSerializer();
            // A state carries its audit record's before and after as JSON text: escaped the default
            // way, every quote in them is six bytes (\u0022). Storage is no HTML page; two will do.
            silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o =>
                o.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            // Served by the web app at /dashboard, for admins only (see SituationHost), when asked for.
            if (options.OrleansDashboard)
                silo.AddDashboard();
            // A call a leaving node refused before running it is sent again to the grain's next home.
            silo.AddOutgoingGrainCallFilter<ResendRejectedCalls>();
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "situation";
                o.ServiceId = ServiceId;
            });
            if (options.IsCluster)
            {
                // Only on the advertised address, and only with the cluster certificate; the
                // gateway stays closed unless a port is configured for it.
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort);
                silo.UseTls(tls => ClusterCertificate.Apply(tls, certificate!));
                // A node that dies is declared dead within seconds (two missed 2 s probes and the
                // votes of two others), so its grains come back elsewhere while people still wait.
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                    o.NumMissedProbesLimit = 2;
                });
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                });
                silo.AddAdoNetGrainStorage(StorageName, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                });
                silo.Services.AddSingleton<IStoredStates>(services =>
                    new PostgresStoredStates(postgres!, ServiceId, services.GetRequiredService<IGrainStorageSerializer>()));
            }
            else
            {
                // One process: the silo listens on loopback only and opens no gateway, so nothing
                // but this process can call a grain.
                silo.UseLocalhostClustering(options.SiloPort, gatewayPort: 0);
                // A silo alone has nobody to tell its load to, nor any choice of where to place a
                // grain: its statistics are gathered once a minute instead of every second.
                silo.Configure<DeploymentLoadPublisherOptions>(o => o.DeploymentLoadPublisherRefreshTime = TimeSpan.FromMinutes(1));
                // The data folder's database file (AuditSetup), shared with the audit trail.
                silo.AddSqliteGrainStorage(StorageName);
            }
        });
    }

    private sealed class PostgresSchemaStartup(string connectionString) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => PostgresSchema.ApplyAsync(connectionString, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
