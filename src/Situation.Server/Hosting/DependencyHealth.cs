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

/// <summary>The last probe of one dependency: reachable, or the kind of error that said it was not.</summary>
public sealed class DependencyStatus
{
    private volatile string? _error;
    private volatile bool _ok = true;

    public bool Ok => _ok;

    public string? Error => _error;

    /// <summary>Records a probe's result; true when it changed whether the dependency is reachable.</summary>
    public bool Report(string? error)
    {
        var was = _ok;
        _error = error;
        _ok = error is null;
        return was != _ok;
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

    private static async Task<string?> Probe(Func<Task> check)
    {
        try
        {
            await check().WaitAsync(Timeout);
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return error.GetType().Name;
        }
    }

    private void Report(string what, DependencyStatus status, string? error)
    {
        if (!status.Report(error)) return;
        if (error is not null) logger.LogWarning("Lost the {What} ({Error})", what, error);
        else logger.LogInformation("The {What} is back", what);
    }
}
