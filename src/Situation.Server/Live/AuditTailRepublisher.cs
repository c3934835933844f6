using System.Text.Json;
using Situation.Contracts.Audit;
using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;
using Situation.Server.Api.Json;

namespace Situation.Server.Live;

/// <summary>
/// Sends again, as this node's own changes, the entities changed since a moment: what a dead node
/// had accepted — stored, and in the audit trail with its change — but may not have pushed. The
/// audit trail says which entities changed; each one's grain gives its current view, which a
/// client holding that version or a newer one ignores. A client thus moves only what changed in
/// those seconds, not the whole picture.
/// </summary>
public sealed class AuditTailRepublisher(IAuditLog audit, IGrainFactory grains, ChangeBatcher feed, ILogger<AuditTailRepublisher> logger)
{
    private const int Page = 1_000;
    private const int ReadsAtOnce = 64;
    private const int ReadPasses = 4;
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Republishes every entity changed at or after <paramref name="since"/>; false, having sent
    /// nothing, when more than <paramref name="most"/> changed (the clients are better off reloading).
    /// </summary>
    public async Task<bool> Republish(DateTimeOffset since, int most, string why, CancellationToken cancellationToken)
    {
        var changed = new HashSet<(string Type, string Id)>();
        var query = new AuditQuery(From: since, Limit: Page);
        while (true)
        {
            var page = await audit.Query(query, cancellationToken);
            foreach (var record in page.Items.Where(r => EntityTable.Find(r.EntityType) is not null))
                changed.Add((record.EntityType, record.EntityId));
            if (changed.Count > most)
                return false;
            if (page.Next is not { } next)
                break;
            query = query with { Before = next };
        }

        // Right after a death some grains answer slowly or not at all while they move; those are
        // asked again, a few times, before giving up (the caller then has every client reload).
        long bytes = 0;
        var pending = changed.ToList();
        for (var pass = 0; pending.Count > 0; pass++)
        {
            if (pass == ReadPasses)
                throw new TimeoutException($"{pending.Count} of {changed.Count} changed entities could not be read again");
            if (pass > 0)
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var unread = new List<(string Type, string Id)>();
            foreach (var batch in pending.Chunk(ReadsAtOnce))
            {
                var reads = batch.Select(e => EntityGrains.Get(grains, e.Type, e.Id).GetView().WaitAsync(ReadBound, cancellationToken)).ToArray();
                try { await Task.WhenAll(reads); }
                catch (Exception) when (!cancellationToken.IsCancellationRequested) { }
                for (var i = 0; i < batch.Length; i++)
                {
                    if (!reads[i].IsCompletedSuccessfully)
                        unread.Add(batch[i]);
                    else if (reads[i].Result is { } view)
                    {
                        feed.Publish(LiveChange.Of(view));
                        bytes += JsonSerializer.SerializeToUtf8Bytes<object>(view, ApiJson.Options).Length;
                    }
                }
            }
            pending = unread;
        }
        SituationMetrics.Republished.Add(changed.Count);
        logger.LogWarning("Republished {Count} entities changed since {Since:O} ({Bytes} bytes of data): {Why}", changed.Count, since, bytes, why);
        return true;
    }
}
