using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Situation.Contracts.Audit;
using Situation.Grains.Calls;
using Situation.Grains.Live;
using Situation.Storage.Audit;
using Situation.Storage.Sqlite;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// Two in-process silos sharing one real SQLite file and one manual clock: grain behaviour with
/// real persistence, where a deactivation really reads the state back from disk.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    public const string StorageName = "Default";

    private readonly string _dir = Paths.NewTempDir("grains");

    public ManualClock Clock { get; } = new(new DateTimeOffset(2021, 1, 28, 8, 0, 0, TimeSpan.Zero));

    public RecordingChangeFeed Feed { get; } = new();

    /// <summary>Index grains whose calls fail as if their node had died, while a test wants them to.</summary>
    public UnreachableIndexes Unreachable { get; } = new();

    /// <summary>One database file (state and audit trail) shared by both silos, as one data folder would hold it.</summary>
    public SqliteStore Store { get; private set; } = null!;

    public SqliteAuditLog Audit { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public string DatabasePath => Path.Combine(_dir, "grains.db");

    public async Task InitializeAsync()
    {
        Store = new SqliteStore(DatabasePath);
        Audit = new SqliteAuditLog(Store);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.AddSingleton(Store);
            silo.AddSqliteGrainStorage(StorageName);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<IChangeFeed>(Feed);
            silo.Services.AddSingleton<IAuditLog>(Audit);
            silo.AddIncomingGrainCallFilter(Unreachable);
            silo.AddOutgoingGrainCallFilter<ResendRejectedCalls>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>What the storage holds for a grain right now, read past every activation.</summary>
    public async Task<IGrainState<T>> Stored<T>(string stateName, IAddressable grain) where T : new()
    {
        var storage = Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageName);
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Store.Dispose();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a silo may still hold the file for a moment; the folder is temporary */ }
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>
{
    public const string Name = "grain cluster";
}
