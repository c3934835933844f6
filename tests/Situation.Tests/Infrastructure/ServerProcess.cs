using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// The real server, run as its own process exactly as an operator would run it, on free ports,
/// with a data folder of the test's choosing. Stopped gracefully or killed hard by the test.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Starts a node and returns once it reports itself ready on /healthz.</summary>
    public static async Task<ServerProcess> Start(string dataDir, IDictionary<string, string?>? settings = null)
    {
        var port = FreePorts.Next();
        var arguments = new Dictionary<string, string?>
        {
            ["--urls"] = $"http://127.0.0.1:{port}",
            ["--Situation:DataDir"] = dataDir,
            ["--webroot"] = Path.Combine(Paths.RepositoryRoot, "web", "public"),
            ["--Situation:GeoDir"] = Paths.GeoDir,
            ["--Situation:SiloPort"] = FreePorts.Next().ToString(),
            ["--Situation:GatewayPort"] = FreePorts.Next().ToString(),
            ["--Logging:LogLevel:Default"] = "Warning",
            ["--Logging:LogLevel:Situation"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            arguments["--" + key.TrimStart('-')] = value;

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        start.ArgumentList.Add(Paths.ServerDll);
        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add(key);
            start.ArgumentList.Add(value ?? "");
        }
        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReady();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitUntilReady()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:\n{Log}");
            try
            {
                using var response = await Http.GetAsync("/healthz", deadline.Token);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server was not ready within {StartTimeout}:\n{Log}");
            }
            // Poll the readiness endpoint, the only signal a separate process offers.
            await Task.Delay(100, deadline.Token).ContinueWith(_ => { });
            if (deadline.IsCancellationRequested)
                throw new TimeoutException($"The server was not ready within {StartTimeout}:\n{Log}");
        }
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task Stop()
    {
        if (_process.HasExited) return;
        Posix.Terminate(_process.Id);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>Kills the process at once (SIGKILL): nothing gets to flush or say goodbye.</summary>
    public async Task Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<JsonElement> GetJson(string path)
    {
        using var response = await Http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n--- server log ---\n{Log}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Kill();
        }
        finally
        {
            Http.Dispose();
            _process.Dispose();
        }
    }
}
