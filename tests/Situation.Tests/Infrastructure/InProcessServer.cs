using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Situation.Server.Hosting;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// The real application hosted in the test process, listening on a real loopback port: the same
/// host, silo, storage, API and hub as the server's own process, started without a process of its
/// own — for suites that test the API and the live feed, not a process's death or its exit.
/// </summary>
public sealed class InProcessServer : RunningServer
{
    private readonly Application _application;
    private readonly LogLines _log = new();

    private InProcessServer(int port, Dictionary<string, string?> settings, TimeProvider? clock) : base(new Uri($"http://127.0.0.1:{port}")) =>
        _application = new Application(settings, _log, clock);

    public override string Log => _log.Text;

    /// <summary>The application's services, for a test that drives a part of it directly (replay's snapshots).</summary>
    public IServiceProvider Services => _application.Services;

    /// <summary>
    /// Starts the application and returns once it answers, signed in as the admin. With a clock, the
    /// application tells time by it (a manual clock: a scripted day); sign-in tokens are still checked
    /// against the real clock, so it should start at the real time and the admin's token serve throughout.
    /// </summary>
    public static async Task<InProcessServer> Start(string dataDir, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var port = FreePorts.Next();
        var server = new InProcessServer(port, TestSettings(port, dataDir, settings), clock);
        try
        {
            // Returns once the host has started: the silo is up and Kestrel listens.
            server._application.UseKestrel();
            server._application.StartServer();
            await server.SignInAsAdmin();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public override async ValueTask DisposeAsync()
    {
        await _application.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>
    /// The server's entry point, found through a type of its assembly (the load tool's Program is
    /// in scope too, so the server's cannot be named).
    /// </summary>
    private sealed class Application(Dictionary<string, string?> settings, ILoggerProvider log, TimeProvider? clock) : WebApplicationFactory<SituationOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // As an operator runs it, not as a developer does (no development-only checks or pages).
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            // Its log is the test's to read (Log), not the test run's console.
            builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(log));
            if (clock is not null)
                builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>What the application logs, a line each, as a test reads a process's output.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        private readonly StringBuilder _lines = new();

        public string Text
        {
            get { lock (_lines) return _lines.ToString(); }
        }

        public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Writer(LogLines lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines._lines)
                    lines._lines.Append(logLevel).Append(' ').Append(category).Append(": ").AppendLine(formatter(state, exception) + (exception is null ? "" : " " + exception));
            }
        }
    }
}
