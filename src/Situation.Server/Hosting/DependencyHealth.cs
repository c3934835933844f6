using Microsoft.Extensions.Options;
using Npgsql;
using Situation.Server.Live;

namespace Situation.Server.Hosting;

/// <summary>
/// Whether this node can reach what it depends on right now: its database (PostgreSQL in cluster
/// mode; the local SQLite file is always there) and, when configured, Redis. Probed every second,
/// so that writes are refused at once while the database is away and accepted again as soon as it
/// is back, without restarting anything.
/// </summary>
public sealed class DependencyHealth(bool redisConfigured)
{
    public DependencyStatus Database { get; } = new();

    public DependencyStatus Redis { get; } = new();

    public bool RedisConfigured => redisConfigured;
}

/// <summary>
/// Whether one dependency is reachable, from its probes. An answer that says no (the connection is
/// refused, the server is shutting down) counts at once. A probe that got no answer in time says
/// the dependency, or this node, is slow — a node leaving or a frozen one moving grains keeps every
/// core and the database busy for seconds — so silence counts only once it lasts
/// <see cref="SlowProbesToLose"/> probes in a row: refusing every write for one slow second would
/// fail requests that would have been stored.
/// </summary>
public sealed class DependencyStatus
{
    public const int SlowProbesToLose = 3;

    private readonly Lock _gate = new();
    private string? _error;
    private bool _ok = true;
    private int _slowInARow;

    public bool Ok
    {
        get { lock (_gate) return _ok; }
    }

    public string? Error
    {
        get { lock (_gate) return _error; }
    }

    /// <summary>Records a probe's result (<paramref name="error"/> null when it answered); true when it changed whether the dependency is reachable.</summary>
    public bool Report(string? error, bool unanswered = false)
    {
        lock (_gate)
        {
            _slowInARow = error is not null && unanswered ? _slowInARow + 1 : 0;
            // A reachable dependency that is only slow stays reachable until the silence lasts.
            if (_ok && error is not null && unanswered && _slowInARow < SlowProbesToLose)
                return false;
            var was = _ok;
            _error = error;
            _ok = error is null;
            return was != _ok;
        }
    }
}

public sealed class DependencyProbe(DependencyHealth health, RedisBackplane backplane, IOptions<SituationOptions> options, IConfiguration configuration,
    ILogger<DependencyProbe> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var postgres = options.Value.IsCluster ? configuration.GetConnectionString("Postgres") : null;
        await using var database = postgres is null ? null : NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres)
        {
            Timeout = (int)Timeout.TotalSeconds, CommandTimeout = (int)Timeout.TotalSeconds, Pooling = false,
        }.ConnectionString);
        // The embedded default depends on nothing outside the process: no timer needs to tick.
        if (database is null && !health.RedisConfigured)
            return;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                if (database is not null)
                    Report("database", health.Database, await Probe(async () =>
                    {
                        await using var command = database.CreateCommand("SELECT 1");
                        await command.ExecuteScalarAsync(stoppingToken);
                    }));
                // Redis is the backplane's own connection: what is probed is what carries the pushes.
                if (health.RedisConfigured && backplane.Started)
                    Report("Redis", health.Redis, await Probe(backplane.Ping));
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs a check within the timeout: no error, or the error's name and whether it was a time-out (no answer) rather than a refusal.</summary>
    private static async Task<(string? Error, bool Unanswered)> Probe(Func<Task> check)
    {
        try
        {
            await check().WaitAsync(Timeout);
            return (null, false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return (error.GetType().Name, IsTimeout(error));
        }
    }

    /// <summary>Our own bound, or the driver's (Npgsql wraps its time-outs in an NpgsqlException).</summary>
    private static bool IsTimeout(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is TimeoutException)
                return true;
        return false;
    }

    private void Report(string what, DependencyStatus status, (string? Error, bool Unanswered) probe)
    {
        var error = probe.Error;
        if (!status.Report(error, probe.Unanswered))
        {
            if (error is not null && status.Ok)
                logger.LogInformation("The {What} did not answer within {Timeout}; it counts as lost after {Count} such probes in a row", what, Timeout, DependencyStatus.SlowProbesToLose);
            return;
        }
        if (error is not null) logger.LogWarning("Lost the {What} ({Error})", what, error);
        else logger.LogInformation("The {What} is back", what);
    }
}
