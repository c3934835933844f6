using System.Diagnostics;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Faults;

/// <summary>
/// A cluster of its own for one fault test: a private PostgreSQL and Redis (started with the
/// project's own scripts, so the test can stop and start them) and N real server processes in
/// cluster mode on fixed ports. Disposing kills every process it started and removes its folders.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    private readonly string _dir = Paths.NewTempDir("fault");
    private readonly int _pgPort = FreePorts.Next();
    private readonly int _redisPort = FreePorts.Next();
    private readonly List<int> _siloPorts = [];

    public List<ServerProcess?> Nodes { get; } = [];

    /// <summary>What each node that was killed or stopped logged until it ended, by its place in <see cref="Nodes"/>.</summary>
    public Dictionary<int, string> DepartedLogs { get; } = [];

    public string Postgres => $"Host=127.0.0.1;Port={_pgPort};Username=postgres;Database=postgres;Timeout=5;Command Timeout=10";

    public string Redis => $"127.0.0.1:{_redisPort},abortConnect=false,connectTimeout=2000";

    public IReadOnlyList<Uri> Addresses => Nodes.Where(n => n is not null).Select(n => n!.BaseAddress).ToList();

    public string Token { get; private set; } = "";

    public static async Task<FaultCluster> Start(int nodes, int btsCount)
    {
        var cluster = new FaultCluster();
        try
        {
            await cluster.StartPostgres();
            await cluster.StartRedis();
            for (var i = 0; i < nodes; i++)
            {
                cluster._siloPorts.Add(FreePorts.Next());
                // One after the other: the first loads the demo province, the others find it loaded.
                cluster.Nodes.Add(await cluster.StartNode(i, btsCount));
            }
            cluster.Token = cluster.Nodes[0]!.AdminToken;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private Task<ServerProcess> StartNode(int i, int btsCount) => ServerProcess.Start(Directory.CreateDirectory(Path.Combine(_dir, $"node-{i}")).FullName, new Dictionary<string, string?>
    {
        ["Situation:Mode"] = "cluster",
        ["ConnectionStrings:Postgres"] = Postgres,
        ["ConnectionStrings:Redis"] = Redis,
        ["Situation:SiloPort"] = _siloPorts[i].ToString(),
        ["Situation:Demo:BtsCount"] = btsCount.ToString(),
    });

    public async Task KillNode(int i)
    {
        await Nodes[i]!.Kill();
        DepartedLogs[i] = Nodes[i]!.Log;
        await Nodes[i]!.DisposeAsync();
        Nodes[i] = null;
    }

    /// <summary>
    /// Freezes a node (SIGSTOP) for <paramref name="duration"/> — the fault's length, as a hung VM or
    /// a long pause would last — then lets it run again (SIGCONT).
    /// </summary>
    public async Task FreezeNode(int i, TimeSpan duration)
    {
        var pid = Nodes[i]!.ProcessId;
        Posix.Signal("STOP", pid);
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            Posix.Signal("CONT", pid);
        }
    }

    public async Task StopNode(int i)
    {
        await Nodes[i]!.Stop();
        DepartedLogs[i] = Nodes[i]!.Log;
        await Nodes[i]!.DisposeAsync();
        Nodes[i] = null;
    }

    public Task StartPostgres() => Shell($"postgres_start '{Path.Combine(_dir, "pg")}' {_pgPort}");

    public Task StopPostgres() => Shell($"postgres_stop '{Path.Combine(_dir, "pg")}'");

    public Task StartRedis() => Shell($"redis_start '{Path.Combine(_dir, "redis")}' {_redisPort}");

    public Task StopRedis() => Shell($"redis_stop {_redisPort}");

    /// <summary>Runs a function of the project's scripts (scripts/lib), as the test script does.</summary>
    private static async Task Shell(string command)
    {
        var lib = Path.Combine(Paths.RepositoryRoot, "scripts", "lib");
        var start = new ProcessStartInfo("bash", ["-c", $"set -e; source '{lib}/common.sh'; source '{lib}/postgres.sh'; source '{lib}/redis.sh'; {command}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await errors}{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            if (node is not null)
                await node.DisposeAsync();
        await StopRedis().ContinueWith(_ => { });
        await StopPostgres().ContinueWith(_ => { });
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a server may still be closing a file; the folder is temporary */ }
        catch (UnauthorizedAccessException) { /* PostgreSQL's files belong to its own user */ }
    }
}
