using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Situation.Server.Hosting;

/// <summary>
/// Whether this node can reach what it depends on right now: its database (PostgreSQL in cluster
/// mode; the local SQLite file is always there) and, when configured, Redis. Probed every second,
/// so that writes are refused at once while the database is away and accepted again as soon as it
/// is back, without restarting anything.
/// </summary>
public sealed class DependencyHealth
{
    public volatile bool DatabaseOk = true;
    public volatile string? DatabaseError;
    public volatile bool RedisOk = true;
    public volatile string? RedisError;
    public bool RedisConfigured { get; init; }
}

public sealed class DependencyProbe(DependencyHealth health, IOptions<SituationOptions> options, IConfiguration configuration, ILogger<DependencyProbe> logger)
    : BackgroundService
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
        ConnectionMultiplexer? redis = null;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                if (database is not null)
                    Report("database", await Probe(async () =>
                    {
                        await using var command = database.CreateCommand("SELECT 1");
                        await command.ExecuteScalarAsync(stoppingToken);
                    }), ok => health.DatabaseOk = ok, error => health.DatabaseError = error, health.DatabaseOk);
                if (health.RedisConfigured)
                {
                    redis ??= await Connect();
                    Report("Redis", await Probe(async () =>
                    {
                        if (redis is null || !redis.IsConnected) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected");
                        await redis.GetDatabase().PingAsync();
                    }), ok => health.RedisOk = ok, error => health.RedisError = error, health.RedisOk);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis?.Dispose();
        }
    }

    private async Task<ConnectionMultiplexer?> Connect()
    {
        var settings = ConfigurationOptions.Parse(configuration.GetConnectionString("Redis")!);
        settings.AbortOnConnectFail = false;
        settings.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        return await ConnectionMultiplexer.ConnectAsync(settings);
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

    private void Report(string what, string? error, Action<bool> setOk, Action<string?> setError, bool wasOk)
    {
        setError(error);
        setOk(error is null);
        if (wasOk && error is not null) logger.LogWarning("Lost the {What} ({Error})", what, error);
        else if (!wasOk && error is null) logger.LogInformation("The {What} is back", what);
    }
}
