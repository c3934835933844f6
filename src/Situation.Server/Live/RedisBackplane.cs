using System.Text.Json;
using System.Threading.Channels;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;
using Situation.Server.Api.Json;
using StackExchange.Redis;

namespace Situation.Server.Live;

public sealed record BackplaneSettings(string? Redis);

/// <summary>
/// Carries each node's pushes to the clients of the other nodes through Redis pub/sub (cluster
/// mode). A node delivers its own changes to its own clients directly and publishes them for the
/// others, so each client gets each change once — and when Redis is away, clients still get every
/// change their own node accepts.
/// <para>
/// A node that may have missed messages (its subscription dropped) or failed to send some (a
/// publish failed) <em>rejoins</em>: it publishes a rejoin notice and waits until that notice comes
/// back on its own subscription, which proves that it both sends and receives again. Only then are
/// its clients asked to reconnect, and every other node that hears the notice asks its clients too:
/// the snapshots they reload, read after both directions work again, hold whatever was missed.
/// Asking earlier — on the first "connection restored" event, as this once did — races the
/// subscription's own reconnection and the other nodes' publishes, and left clients behind for good.
/// </para>
/// </summary>
public sealed class RedisBackplane(BackplaneSettings settings, ChangeDelivery delivery, ChangeWindow window, HubConnections connections, ILogger<RedisBackplane> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>The channel every node publishes on and listens to.</summary>
    private static readonly RedisChannel Channel = RedisChannel.Literal("situation:changes");

    /// <summary>How long a rejoin notice may take to come back before it is sent again.</summary>
    private static readonly TimeSpan EchoBound = TimeSpan.FromSeconds(2);

    /// <summary>Which node published a message (its stream's publisher epoch), so that a node skips its own.</summary>
    private string Origin => delivery.Publisher;

    private ConnectionMultiplexer? _redis;
    private int _lost;
    private readonly CancellationTokenSource _stopping = new();
    private Task _rejoining = Task.CompletedTask;

    /// <summary>
    /// Why a rejoin is wanted. One waiting request is enough: it runs after every cause that came
    /// before it, so a request that finds one waiting is already covered.
    /// </summary>
    private readonly Channel<string> _rejoinRequests = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The rejoin notice this node waits to hear back, if any.</summary>
    private (string Nonce, TaskCompletionSource Heard)? _awaitedEcho;

    private readonly Lock _gate = new();

    /// <summary>
    /// A message is the origin's numbered messages, or where its streams stand (<see cref="Positions"/>,
    /// every heartbeat), or a rejoin notice (<see cref="Rejoin"/>). Data is written by its runtime type
    /// (an entity or flag view) and read back as a JsonElement, which the hub sends on as it is.
    /// </summary>
    private sealed record Message(string Origin, List<ScopedMessage>? Messages, string? Rejoin = null, Dictionary<string, long>? Positions = null);

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
        // Raised once per connection (commands and subscriptions); each asks, and the requests coalesce.
        _redis.ConnectionRestored += (_, _) =>
        {
            Interlocked.Exchange(ref _lost, 0);
            RequestRejoin("Redis is back; pushes between nodes were missed meanwhile");
        };
        await _redis.GetSubscriber().SubscribeAsync(Channel, (_, value) => Receive(value).Ignore());
        _rejoining = RejoinWhenAsked(_stopping.Token);
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

    public void Publish(IReadOnlyList<ScopedMessage> messages)
    {
        if (_redis is null)
            return;
        Send(new Message(Origin, [.. messages]));
    }

    /// <summary>Tells the other nodes where this node's streams stand, so that one that missed messages knows it.</summary>
    public void PublishPositions(Dictionary<string, long> positions)
    {
        if (_redis is null || positions.Count == 0)
            return;
        Send(new Message(Origin, null, Positions: positions));
    }

    private void Send(Message message)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Options);
        var publish = _redis!.GetSubscriber().PublishAsync(Channel, payload).ContinueWith(t =>
        {
            if (!t.IsFaulted) return;
            // The other nodes' clients miss these changes: they reload once this node can send again.
            SituationMetrics.PushFailures.Add(1);
            RequestRejoin("pushes to the other nodes failed");
        }, TaskScheduler.Default);
        lock (_publishing)
        {
            _publishing.RemoveAll(p => p.IsCompleted);
            _publishing.Add(publish);
        }
    }

    private void RequestRejoin(string reason) => _rejoinRequests.Writer.TryWrite(reason);

    private async Task RejoinWhenAsked(CancellationToken stopping)
    {
        try
        {
            await foreach (var reason in _rejoinRequests.Reader.ReadAllAsync(stopping))
            {
                for (var attempt = 1; !await TryRejoin(stopping); attempt++)
                {
                    logger.LogWarning("Rejoin notice {Attempt} did not come back within {Bound}", attempt, EchoBound);
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stopping);
                }
                logger.LogInformation("Rejoined the backplane: sends and receives again");
                connections.AbortAll(reason);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Publishes a rejoin notice; true once it has come back on this node's own subscription.</summary>
    private async Task<bool> TryRejoin(CancellationToken stopping)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nonce = Guid.NewGuid().ToString("N");
        lock (_gate) _awaitedEcho = (nonce, heard);
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(new Message(Origin, null, nonce), ApiJson.Options);
            await _redis!.GetSubscriber().PublishAsync(Channel, payload);
            await heard.Task.WaitAsync(EchoBound, stopping);
            return true;
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            return false;
        }
    }

    private async Task Receive(RedisValue value)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>((byte[])value!, ApiJson.Options);
            if (message is null)
                return;
            if (message.Rejoin is { } nonce)
            {
                if (message.Origin != Origin)
                    connections.AbortAll("another node rejoined after missing pushes");
                else
                    lock (_gate)
                        if (_awaitedEcho is { } awaited && awaited.Nonce == nonce)
                            awaited.Heard.TrySetResult();
                return;
            }
            if (message.Origin == Origin)
                return;
            if (message.Positions is { } positions)
            {
                foreach (var (scope, last) in positions)
                    if (!window.Confirm(message.Origin, scope, last))
                        logger.LogInformation("Missed messages of {Publisher} for {Scope} up to {Seq}: its clients catch up or reload", message.Origin, scope, last);
                return;
            }
            if (message.Messages is { } messages)
                await delivery.Deliver(message.Origin, messages, CancellationToken.None);
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
        _stopping.Cancel();
        await _rejoining;
        if (_redis is not null)
            await _redis.DisposeAsync();
        _stopping.Dispose();
    }
}
