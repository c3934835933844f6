using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// The real server, run as its own process exactly as an operator would run it, on free ports,
/// with a data folder of the test's choosing. Stopped gracefully or killed hard by the test.
/// </summary>
public sealed class ServerProcess : RunningServer
{
    /// <summary>90 s; a benchmark of a large province sets more (SITUATION_TEST_START_SECONDS).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("SITUATION_TEST_START_SECONDS"), out var seconds) ? seconds : 90);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _logWaiters = [];

    public override string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    private ServerProcess(Process process, Uri baseAddress) : base(baseAddress) => _process = process;

    /// <summary>
    /// Starts a node and returns once it reports itself ready on /healthz, signed in as the admin
    /// unless told not to (for a server whose password the test does not know in advance).
    /// </summary>
    public static async Task<ServerProcess> Start(string dataDir, IDictionary<string, string?>? settings = null, bool signIn = true)
    {
        var port = FreePorts.Next();
        var arguments = TestSettings(port, dataDir, settings).ToDictionary(s => "--" + s.Key, s => s.Value);

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
            if (signIn)
                await server.SignInAsAdmin();
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
        lock (_log)
        {
            _log.AppendLine(line);
            foreach (var waiter in _logWaiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _logWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>The first log line containing <paramref name="text"/>, waiting for it at most <paramref name="bound"/>.</summary>
    public async Task<string> WaitForLogLine(string text, TimeSpan bound)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            var logged = _log.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (logged is not null) return logged.TrimEnd('\r');
            _logWaiters.Add((text, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No log line with '{text}' within {bound}:\n{Log}");
        }
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

    /// <summary>Whether the process has exited, or does within <paramref name="bound"/>.</summary>
    public async Task<bool> ExitsWithin(TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task Stop()
    {
        if (_process.HasExited) return;
        Posix.Terminate(_process.Id);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(deadline.Token);
        // A clean stop ends cleanly: a crash while shutting down (exit 134) is a defect, even when
        // every acknowledged write was already durable.
        if (_process.ExitCode != 0)
            throw new InvalidOperationException($"The server exited with code {_process.ExitCode} on a clean stop:\n{Log}");
    }

    /// <summary>Kills the process at once (SIGKILL): nothing gets to flush or say goodbye.</summary>
    public async Task Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await Kill();
        }
        finally
        {
            await base.DisposeAsync();
            _process.Dispose();
        }
    }
}
