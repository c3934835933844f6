using Microsoft.Extensions.Options;
using Situation.Contracts.Entities;
using Situation.Contracts.History;

namespace Situation.Server.History;

/// <summary>
/// Takes replay's snapshots: at every multiple of the interval, once it has settled, where the
/// picture stood — built from the previous snapshot and the records after it, without their
/// bodies. The first ones cover the trail from its oldest record (a trail older than replay is
/// replayed too), in one pass. Every node runs it; two nodes taking the same snapshot store it once.
/// </summary>
public sealed class HistorySnapshots(IHistoryStore store, TimeProvider clock, IOptions<HistoryOptions> options, ILogger<HistorySnapshots> logger)
    : BackgroundService
{
    public static readonly IReadOnlyList<string> EntityTypes = [.. EntityTable.All.Select(e => e.Type)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TakeDue(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Taking replay's snapshots failed; trying again in a minute");
            }
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        }
    }

    /// <summary>Takes every snapshot due by now; answers how many it took.</summary>
    public async Task<int> TakeDue(CancellationToken cancellationToken = default)
    {
        var interval = options.Value.SnapshotInterval;
        var due = Floor(clock.GetUtcNow() - options.Value.SettleTime, interval);
        var last = await store.LatestSnapshot(null);
        if (last is not null && last.At >= due)
            return 0;
        var first = last is null ? await store.Earliest(EntityTypes) : null;
        if (last is null && first is null)
            return 0;
        var fold = new PictureFold();
        if (last is not null)
        {
            var (entities, flags) = await store.Of(last, bodies: false, cancellationToken);
            fold.Take(entities);
            fold.Take(flags);
        }
        var taken = 0;
        var from = last?.At;
        for (var at = last?.At + interval ?? Floor(first!.Value, interval) + interval; at <= due; at += interval)
        {
            var (entities, flags) = await store.Between(from, at, EntityTypes, bodies: false, cancellationToken);
            fold.Take(entities);
            fold.Take(flags);
            await store.SaveSnapshot(fold.Snapshot(at));
            from = at;
            taken++;
        }
        return taken;
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan interval) =>
        new(at.UtcTicks - at.UtcTicks % interval.Ticks, TimeSpan.Zero);
}
