using System.Text.Json;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;
using Situation.Server.Api.Json;
using StackExchange.Redis;

namespace Situation.Server.Live;

/// <summary>
/// Carries each node's pushes to the clients of the other nodes through Redis pub/sub (cluster
/// mode). A node delivers its own changes to its own clients directly and publishes them for the
/// others, so each client gets each change once — and when Redis is away, clients still get every
/// change their own node accepts. When Redis comes back, this node's clients are asked to reconnect:
/// the snapshot they reload holds what other nodes accepted meanwhile.
/// </summary>
public sealed record BackplaneSettings(string? Redis);

public sealed class RedisBackplane(BackplaneSettings settings, ChangeDelivery delivery, HubConnections connections, ILogger<RedisBackplane> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>The channel every node publishes on and listens to.</summary>
    private static readonly RedisChannel Channel = RedisChannel.Literal("situation:changes");

    /// <summary>Which node published a message, so that a node skips its own.</summary>
    private readonly string _origin = Guid.NewGuid().ToString("N");

    private ConnectionMultiplexer? _redis;
    private int _lost;

    private sealed record Message(string Origin, List<Change> Changes);

    /// <summary>
    /// Data is written by its runtime type (an entity or flag view) and read back as a JsonElement,
    /// which the hub sends on as it is.
    /// </summary>
    private sealed record Change(string Type, string Id, long Version, bool Deleted, object? Data, IReadOnlyList<string> DistrictIds);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Redis is null)
            return;
        var redis = ConfigurationOptions.Parse(settings.Redis);
        redis.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(redis);
        _redis.ConnectionFailed += (_, e) =>
        {
            if (Interlocked.Exchange(ref _lost, 1) == 0)
                logger.LogWarning("Lost Redis ({Failure}): pushes reach only this node's clients until it returns", e.FailureType);
        };
        _redis.ConnectionRestored += (_, _) =>
        {
            if (Interlocked.Exchange(ref _lost, 0) == 1)
                connections.AbortAll("Redis is back; pushes from other nodes were missed meanwhile");
        };
        await _redis.GetSubscriber().SubscribeAsync(Channel, (_, value) => Receive(value).Ignore());
    }

    private readonly List<Task> _publishing = [];

    /// <summary>Waits for the publishes still on their way, so a node leaving gracefully sends what it accepted.</summary>
    public async Task Drain()
    {
        Task[] pending;
        lock (_publishing) pending = [.. _publishing];
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }

    /// <summary>Whether the connection has been set up (it then reconnects by itself).</summary>
    public bool Started => _redis is not null;

    /// <summary>A round trip to Redis on the backplane's connection; throws when it is not reachable.</summary>
    public async Task Ping()
    {
        if (_redis is not { IsConnected: true } redis)
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected");
        await redis.GetDatabase().PingAsync();
    }

    public void Publish(IReadOnlyList<LiveChange> changes)
    {
        if (_redis is null)
            return;
        var message = new Message(_origin, changes.Select(c => new Change(c.Type, c.Id, c.Version, c.Deleted, c.Data, c.DistrictIds)).ToList());
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Options);
        var publish = _redis.GetSubscriber().PublishAsync(Channel, payload).ContinueWith(t =>
        {
            if (t.IsFaulted) SituationMetrics.PushFailures.Add(1);
        }, TaskScheduler.Default);
        lock (_publishing)
        {
            _publishing.RemoveAll(p => p.IsCompleted);
            _publishing.Add(publish);
        }
    }

    private async Task Receive(RedisValue value)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>((byte[])value!, ApiJson.Options);
            if (message is null || message.Origin == _origin)
                return;
            await delivery.Deliver(message.Changes.Select(c => new LiveChange(c.Type, c.Id, c.Version, c.Deleted, c.Data, c.DistrictIds)).ToList(), CancellationToken.None);
        }
        catch (Exception error)
        {
            SituationMetrics.PushFailures.Add(1);
            logger.LogWarning(error, "A push from another node could not be delivered");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
            await _redis.DisposeAsync();
    }
}
