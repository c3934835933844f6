using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;
using Situation.Server.History;
using Situation.Server.Webhooks;

namespace Situation.Server.Live;

/// <summary>
/// The batching edge of this silo: collects the changes its grains accept, keeps only the newest
/// version of each entity, and on every tick delivers them to this node's clients and publishes
/// them on the backplane for the other nodes' clients. Each change is accepted by one silo, so each
/// client receives it exactly once.
/// </summary>
public sealed class ChangeBatcher(ChangeDelivery delivery, RedisBackplane backplane, FlagLog flagLog, WebhookDispatcher webhooks, IOptions<LiveOptions> options, ILogger<ChangeBatcher> logger)
    : BackgroundService, IChangeFeed
{
    private readonly Lock _gate = new();
    private Dictionary<(string Type, string Id), LiveChange> _pending = [];

    /// <summary>Set when a batch starts: the feed sleeps until then, so an idle node does no work.</summary>
    private readonly Channel<bool> _batchStarted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>When the oldest change of the pending batch arrived, for the push-delay metric.</summary>
    private long _pendingSince;

    public void Publish(LiveChange change)
    {
        bool first;
        lock (_gate)
        {
            first = _pending.Count == 0;
            if (first)
                _pendingSince = Stopwatch.GetTimestamp();
            if (!_pending.TryGetValue((change.Type, change.Id), out var held) || held.Version <= change.Version)
                _pending[(change.Type, change.Id)] = change;
        }
        if (first)
            _batchStarted.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A batch gathers for one flush interval from its first change, then goes out.
            while (await _batchStarted.Reader.ReadAsync(stoppingToken))
            {
                await Task.Delay(options.Value.FlushInterval, stoppingToken);
                await Flush(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what the grains accepted last still goes out; what a crash would have
            // swallowed is sent again by a surviving node (NodeDeathRecovery).
            await Flush(CancellationToken.None);
            await backplane.Drain();
        }
    }

    private async Task Flush(CancellationToken cancellationToken)
    {
        Dictionary<(string, string), LiveChange> batch;
        long since;
        lock (_gate)
        {
            if (_pending.Count == 0)
                return;
            batch = _pending;
            since = _pendingSince;
            _pending = [];
        }
        SituationMetrics.PushDelay.Record(Stopwatch.GetElapsedTime(since).TotalSeconds);
        var messages = delivery.Stamp(batch.Values.ToList());
        // Kept before published: a node that finds a hole asks this one for it at once, and must find
        // here every message it can have heard of (a message still on its way here would be "not held").
        var (own, _) = delivery.Keep(delivery.Publisher, messages);
        backplane.Publish(messages);
        delivery.MarkPublished(messages);
        // What the dashboards are sent of the flags is what replay will show of them.
        flagLog.Record(batch.Values);
        // Each change is flushed by the one node that accepted it, so each webhook gets it once.
        webhooks.Offer(batch.Values);
        try
        {
            await delivery.Send(delivery.Publisher, own, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A failed send must not stop the feed; the messages are in the window, and clients
            // that did not get them see the gap at the next message or heartbeat and catch up.
            SituationMetrics.PushFailures.Add(1);
            logger.LogWarning(error, "Pushing {Count} changes failed", batch.Count);
        }
    }
}
