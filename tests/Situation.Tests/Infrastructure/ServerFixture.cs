namespace Situation.Tests.Infrastructure;

/// <summary>A real server process in a data folder of its own, started once for the tests that share it.</summary>
public abstract class ServerFixture(string purpose, IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private readonly string _dataDir = Paths.NewTempDir(purpose);

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.Start(_dataDir, settings);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
