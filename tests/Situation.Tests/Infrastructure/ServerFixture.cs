namespace Situation.Tests.Infrastructure;

/// <summary>
/// A real server in a data folder of its own, started once for the tests that share it: in this
/// process (the API, the live feed, flags — nothing a process adds) or, where a test reads what a
/// process prints or how it ends, as its own process.
/// </summary>
public abstract class ServerFixture(string purpose, IDictionary<string, string?>? settings = null, bool ownProcess = true) : IAsyncLifetime
{
    private readonly string _dataDir = Paths.NewTempDir(purpose);

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = ownProcess ? await ServerProcess.Start(_dataDir, settings) : await InProcessServer.Start(_dataDir, settings);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
