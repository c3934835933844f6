using System.Text.Json;
using Situation.Contracts.Audit;
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
public sealed class AuditTailRepublisher(IAuditLog audit, IGrainFactory grains, SignalRChangeFeed feed, ILogger<AuditTailRepublisher> logger)
{
    private const int Page = 1_000;
    private const int ReadsAtOnce = 64;

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
            foreach (var record in page.Items.Where(r => EntityType.All.Contains(r.EntityType)))
                changed.Add((record.EntityType, record.EntityId));
            if (changed.Count > most)
                return false;
            if (page.Next is not { } next)
                break;
            query = query with { Before = next };
        }

        long bytes = 0;
        foreach (var batch in changed.Chunk(ReadsAtOnce))
        {
            var views = await Task.WhenAll(batch.Select(e => EntityGrains.Get(grains, e.Type, e.Id).GetView()));
            foreach (var view in views.OfType<Contracts.Views.EntityView>())
            {
                feed.Publish(LiveChange.Of(view));
                bytes += JsonSerializer.SerializeToUtf8Bytes<object>(view, ApiJson.Options).Length;
            }
        }
        SituationMetrics.Republished.Add(changed.Count);
        logger.LogWarning("Republished {Count} entities changed since {Since:O} ({Bytes} bytes of data): {Why}", changed.Count, since, bytes, why);
        return true;
    }
}
