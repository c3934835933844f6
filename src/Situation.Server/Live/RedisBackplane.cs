using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Situation.Contracts.Accounts;
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
/// Messages a node missed (Redis was away, its subscription dropped, a publish failed) are mended
/// between the nodes, not by the clients: a node that finds a hole in another node's stream — a
/// message past the next number, or a position ahead of what it holds — asks that publisher to send
/// the missing messages again, and hands its clients the stream in order once the hole is filled
/// (<see cref="ChangeWindow"/>). Only a hole its publisher cannot fill (it died, or the messages
/// are older than its window) reaches the clients, who then reload.
/// </para>
/// <para>
/// After a loss, a node <em>rejoins</em>: it publishes a rejoin notice and waits until that notice
/// comes back on its own subscription, which proves that it both sends and receives again. Then it
/// tells the others where its streams stand, and every node that hears the notice does the same, so
/// each finds its holes at once instead of at the next heartbeat.
/// </para>
/// </summary>
public sealed class RedisBackplane(BackplaneSettings settings, ChangeDelivery delivery, ChangeWindow window, ILocalSiloDetails self,
    HubConnections connections, TimeProvider clock, IOptions<LiveOptions> options, ILogger<RedisBackplane> logger)
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
    /// A message is one of: the origin's numbered messages (new, or sent again to fill a hole);
    /// where its streams stand (<see cref="Positions"/>, every heartbeat, with the origin's
    /// <see cref="Silo"/>); a rejoin notice (<see cref="Rejoin"/>); a request to send a stream's
    /// messages again (<see cref="Resend"/>, to the stream's publisher); or that publisher's word
    /// that it no longer holds them (<see cref="Lacks"/>); or that every client must reload
    /// (<see cref="Reload"/>, when a dead node's changes could not be sent again). Data is written by its runtime type (an
    /// entity or flag view) and read back as a JsonElement, which the hub sends on as it is.
    /// </summary>
    private sealed record Message(string Origin, List<Relayed>? Messages, string? Rejoin = null, Dictionary<string, long>? Positions = null,
        string? Silo = null, StreamRange? Resend = null, StreamRange? Lacks = null, string? Reload = null);

    /// <summary>
    /// A numbered message as it crosses Redis: its items, and who may see those not everyone sees, by
    /// their place in the message (a client is never sent an item's audience, so the item does not carry it in JSON).
    /// </summary>
    private sealed record Relayed(string Scope, long Seq, IReadOnlyList<ChangeItem> Items, Dictionary<int, Audience>? Audiences)
    {
        public static Relayed Of(ScopedMessage message)
        {
            var audiences = message.Items.Select((item, index) => (item.Audience, index)).Where(x => x.Audience is not null)
                .ToDictionary(x => x.index, x => x.Audience!);
            return new(message.Scope, message.Seq, message.Items, audiences.Count > 0 ? audiences : null);
        }

        public ScopedMessage ToScoped() => new(Scope, Seq, Audiences is null
            ? Items
            : [.. Items.Select((item, index) => Audiences.TryGetValue(index, out var audience) ? item with { Audience = audience } : item)]);
    }

    /// <summary>Messages numbered after <see cref="After"/> up to <see cref="UpTo"/> of one publisher's stream for a scope.</summary>
    private sealed record StreamRange(string Publisher, string Scope, long After, long UpTo);

    /// <summary>The publisher epoch of each node (by silo address) that has said where its streams stand, and when it last did.</summary>
    private readonly Dictionary<string, (string Publisher, DateTimeOffset Heard)> _publishers = [];

    /// <summary>Set when a hole opens; the repair loop sleeps until then.</summary>
    private readonly Channel<bool> _holeOpened = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private Task _repairing = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Redis is null)
            return;
        var redis = ConfigurationOptions.Parse(settings.Redis);
        redis.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(redis);
        _redis.ConnectionFailed += (_, e) =>
        {
            window.Broken();
            if (Interlocked.Exchange(ref _lost, 1) == 0)
                logger.LogWarning("Lost Redis ({Failure}): pushes reach only this node's clients until it returns", e.FailureType);
        };
        // Raised once per connection (commands and subscriptions); each asks, and the requests coalesce.
        _redis.ConnectionRestored += (_, _) =>
        {
            Interlocked.Exchange(ref _lost, 0);
            RequestRejoin("Redis is back; pushes between nodes were missed meanwhile");
        };
        // One message at a time, in the order published: a stream's messages stay in order.
        var queue = await _redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(message => Receive(message.Message));
        _rejoining = RejoinWhenAsked(_stopping.Token);
        _repairing = RepairWhenHoled(_stopping.Token);
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
        Send(new Message(Origin, [.. messages.Select(Relayed.Of)]));
    }

    /// <summary>Tells the other nodes where this node's streams stand, so that one that missed messages knows it.</summary>
    public void PublishPositions(Dictionary<string, long> positions)
    {
        // Sent even when empty: the others learn which node this publisher is, and that it had sent nothing.
        if (_redis is null)
            return;
        Send(new Message(Origin, null, Positions: positions, Silo: self.SiloAddress.ToParsableString()));
    }

    private void Send(Message message)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Options);
        var publish = _redis!.GetSubscriber().PublishAsync(Channel, payload).ContinueWith(t =>
        {
            if (!t.IsFaulted) return;
            // The other nodes miss these messages: they ask for them again once this node can send.
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
                logger.LogInformation("Rejoined the backplane ({Reason}): sends and receives again; the nodes mend what they missed", reason);
                PublishPositions(delivery.PublishedPositions());
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
                    // It may have missed this node's messages: tell it where they stand.
                    PublishPositions(delivery.PublishedPositions());
                else
                    lock (_gate)
                        if (_awaitedEcho is { } awaited && awaited.Nonce == nonce)
                            awaited.Heard.TrySetResult();
                return;
            }
            if (message.Reload is { } why)
            {
                // The sender's own clients were told already.
                if (message.Origin != Origin)
                    connections.AbortAll(why);
                return;
            }
            if (message.Resend is { } wanted)
            {
                if (wanted.Publisher == Origin)
                    SendAgain(wanted);
                return;
            }
            if (message.Origin == Origin)
                return;
            if (message.Lacks is { } lacking)
            {
                logger.LogWarning("{Publisher} no longer holds its messages for {Scope} after {After}: the clients of that stream reload", lacking.Publisher, lacking.Scope, lacking.After);
                foreach (var (publisher, given) in window.GiveUp(TimeSpan.Zero, only: lacking.Publisher).Ready)
                    await delivery.Send(publisher, [given], CancellationToken.None);
                return;
            }
            if (message.Positions is { } positions)
            {
                if (message.Silo is { } silo)
                    lock (_gate) _publishers[silo] = (message.Origin, clock.GetUtcNow());
                var hole = false;
                foreach (var (scope, last) in positions)
                    hole |= window.Confirm(message.Origin, scope, last);
                if (hole)
                    AskForMissing();
                return;
            }
            if (message.Messages is { } messages && await delivery.Deliver(message.Origin, [.. messages.Select(m => m.ToScoped())], CancellationToken.None))
                AskForMissing();
        }
        catch (Exception error)
        {
            SituationMetrics.PushFailures.Add(1);
            logger.LogWarning(error, "A push from another node could not be delivered");
        }
    }

    /// <summary>
    /// Until when this node is sure it received everything another node published: the last time
    /// that node said where its streams stood, or later if its streams were heard whole since
    /// (<see cref="ChangeWindow.WholeUntil"/>); null for a node never heard.
    /// </summary>
    public DateTimeOffset? WholeUntil(SiloAddress silo)
    {
        (string Publisher, DateTimeOffset Heard) node;
        lock (_gate)
            if (!_publishers.TryGetValue(silo.ToParsableString(), out node))
                return null;
        return window.WholeUntil(node.Publisher) ?? node.Heard;
    }

    /// <summary>
    /// The last resort when what a dead node may not have pushed cannot be sent again: this node's
    /// clients and every other node's reconnect and reload the whole picture.
    /// </summary>
    public void ReloadEverywhere(string why)
    {
        connections.AbortAll(why);
        if (_redis is not null)
            Send(new Message(Origin, null, Reload: why));
    }

    /// <summary>Answers a node that missed some of this node's messages: them again, or that they are no longer held.</summary>
    private void SendAgain(StreamRange wanted)
    {
        if (window.Held(Origin, wanted.Scope, wanted.After, wanted.UpTo) is { } held)
            foreach (var chunk in held.Chunk(16))
                Send(new Message(Origin, [.. chunk.Select(Relayed.Of)]));
        else
            Send(new Message(Origin, null, Lacks: wanted));
    }

    private void AskForMissing() => _holeOpened.Writer.TryWrite(true);

    /// <summary>
    /// While holes are open: asks their publishers for what is missing, again every second (a
    /// request or its answer may be lost too), and gives up a hole still open after the bound —
    /// its publisher is gone — so that the clients of that stream move on and reload.
    /// </summary>
    private async Task RepairWhenHoled(CancellationToken stopping)
    {
        try
        {
            while (await _holeOpened.Reader.WaitToReadAsync(stopping))
            {
                _holeOpened.Reader.TryRead(out _);
                if (window.Holes() is { Count: > 0 } missing)
                    logger.LogInformation("Missed messages of {Streams} streams (e.g. {Publisher} for {Scope} after {After} up to {UpTo}): asking their publishers",
                        missing.Count, missing[0].Publisher, missing[0].Scope, missing[0].After, missing[0].UpTo);
                var given = 0;
                while (window.Holes() is { Count: > 0 } holes)
                {
                    foreach (var (publisher, scope, after, upTo) in holes)
                        Send(new Message(Origin, null, Resend: new StreamRange(publisher, scope, after, upTo)));
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping);
                    var (streams, ready) = window.GiveUp(options.Value.HoleBound);
                    given += streams;
                    foreach (var (publisher, message) in ready)
                        await delivery.Send(publisher, [message], stopping);
                }
                if (given > 0)
                    logger.LogWarning("Holes in {Count} streams not filled within {Bound} were given up: the clients of those streams reload", given, options.Value.HoleBound);
                else
                    logger.LogInformation("Mended every hole: the clients had the missing messages in order");
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _rejoining;
        await _repairing;
        if (_redis is not null)
            await _redis.DisposeAsync();
        _stopping.Dispose();
    }
}
