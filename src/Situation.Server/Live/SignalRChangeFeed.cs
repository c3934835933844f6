using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;

namespace Situation.Server.Live;

public sealed class LiveOptions
{
    /// <summary>How long changes gather before they are pushed: the upper bound the feed adds to latency.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Items per message at most, so that one storm does not become one huge frame.</summary>
    public int MaxItemsPerMessage { get; set; } = 500;
}

/// <summary>
/// The batching edge of this silo: collects the changes its grains accept, keeps only the newest
/// version of each entity, and on every tick sends one `changes` message per scope — to the province
/// group and to each district group concerned. With the Redis backplane a send reaches the clients
/// of every node, and since each change is published by the one silo that accepted it, exactly once.
/// </summary>
public sealed class SignalRChangeFeed(IHubContext<SituationHub> hub, IOptions<LiveOptions> options, ILogger<SignalRChangeFeed> logger)
    : BackgroundService, IChangeFeed
{
    private readonly Lock _gate = new();
    private Dictionary<(string Type, string Id), LiveChange> _pending = [];

    /// <summary>When the oldest change of the pending batch arrived, for the push-delay metric.</summary>
    private long _pendingSince;

    public void Publish(LiveChange change)
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
                _pendingSince = Stopwatch.GetTimestamp();
            if (!_pending.TryGetValue((change.Type, change.Id), out var held) || held.Version <= change.Version)
                _pending[(change.Type, change.Id)] = change;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await Flush(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still pending will be in the snapshot clients load on reconnect.
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
        SituationMetrics.PushDelay.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        var changes = batch.Values.ToList();
        try
        {
            await Send(Scopes.Province, changes, cancellationToken);
            foreach (var district in changes.SelectMany(c => c.DistrictIds).Distinct())
                await Send(Scopes.District(district), changes.Where(c => c.DistrictIds.Contains(district)).ToList(), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A backplane outage must not stop the feed; clients catch up from the snapshot on reconnect.
            SituationMetrics.PushFailures.Add(1);
            logger.LogWarning(error, "Pushing {Count} changes failed", changes.Count);
        }
    }

    private async Task Send(string scope, List<LiveChange> changes, CancellationToken cancellationToken)
    {
        foreach (var chunk in changes.Chunk(options.Value.MaxItemsPerMessage))
        {
            var items = chunk.Select(c => new ChangeItem(c.Type, c.Id, c.Version, c.Deleted, c.Data)).ToArray();
            SituationMetrics.PushItems.Record(items.Length, new KeyValuePair<string, object?>("scope", scope == Scopes.Province ? "province" : "district"));
            await hub.Clients.Group(scope).SendAsync(SituationHub.ChangesMessage, new ChangeBatch(items), cancellationToken);
        }
    }
}
