using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Situation.Contracts.History;
using Situation.Contracts.Views;
using Situation.Grains.Live;
using Situation.Server.Api.Json;

namespace Situation.Server.History;

/// <summary>
/// Keeps every flag change this node's feed sends to the dashboards, as it sent it, in the flag log
/// (replay's only source for flags). The feed hands the changes over and returns at once; they are
/// written in batches behind it, so the write path never waits for the log. While the store is
/// away they wait and are written when it is back.
/// </summary>
public sealed class FlagLog(IHistoryStore store, TimeProvider clock, IOptions<HistoryOptions> options, ILogger<FlagLog> logger) : BackgroundService
{
    private const int MaxRecordsPerWrite = 2_000;

    /// <summary>The changes as the feed handed them over: they are written as JSON here, behind the feed, not in its flush.</summary>
    private readonly Channel<(DateTimeOffset At, LiveChange Change)> _queue = Channel.CreateBounded<(DateTimeOffset At, LiveChange Change)>(
        new BoundedChannelOptions(Math.Max(1, options.Value.FlagBacklogLimit)) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
        dropped => logger.LogError("The flag log is {Limit} changes behind; the oldest ({Flag}) is dropped and replay will not show it", options.Value.FlagBacklogLimit, dropped.Change.Id));

    /// <summary>The flag changes of one batch the feed sends (other items are not the log's).</summary>
    public void Record(IEnumerable<LiveChange> changes)
    {
        var at = clock.GetUtcNow();
        foreach (var change in changes)
            if (change.Type == "flag")
                _queue.Writer.TryWrite((at, change));
    }

    private static FlagRecord RecordOf(DateTimeOffset at, LiveChange change)
    {
        var body = change.Deleted || change.Data is not FlagView flag ? null : JsonSerializer.Serialize(flag, ApiJson.Options);
        return new FlagRecord(at, change.Id, change.Version, body is null, body);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<FlagRecord>(MaxRecordsPerWrite);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxRecordsPerWrite && _queue.Reader.TryRead(out var taken))
                    batch.Add(RecordOf(taken.At, taken.Change));
                await WriteUntilStored(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what the feed sent last is still written, if the store takes it.
            while (_queue.Reader.TryRead(out var taken))
                batch.Add(RecordOf(taken.At, taken.Change));
            try
            {
                await store.AppendFlags(batch);
            }
            catch (Exception error)
            {
                logger.LogError(error, "{Count} flag changes were not kept at shutdown", batch.Count);
            }
        }
    }

    private async Task WriteUntilStored(List<FlagRecord> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await store.AppendFlags(batch);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (attempt == 0) logger.LogWarning(error, "Keeping {Count} flag changes failed; trying again every second", batch.Count);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
