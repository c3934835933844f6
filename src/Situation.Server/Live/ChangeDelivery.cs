using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;

namespace Situation.Server.Live;

/// <summary>
/// Sends a batch of changes to this node's own clients: one `changes` message per scope — the
/// province group and each district group concerned — in chunks of at most MaxItemsPerMessage.
/// </summary>
public sealed class ChangeDelivery(IHubContext<SituationHub> hub, IOptions<LiveOptions> options)
{
    public async Task Deliver(IReadOnlyList<LiveChange> changes, CancellationToken cancellationToken)
    {
        await Send(Scopes.Province, changes, cancellationToken);
        foreach (var district in changes.SelectMany(c => c.DistrictIds).Distinct())
            await Send(Scopes.District(district), changes.Where(c => c.DistrictIds.Contains(district)).ToList(), cancellationToken);
    }

    private async Task Send(string scope, IReadOnlyList<LiveChange> changes, CancellationToken cancellationToken)
    {
        foreach (var chunk in changes.Chunk(options.Value.MaxItemsPerMessage))
        {
            var items = chunk.Select(c => new ChangeItem(c.Type, c.Id, c.Version, c.Deleted, c.Data)).ToArray();
            SituationMetrics.PushItems.Record(items.Length, new KeyValuePair<string, object?>("scope", scope == Scopes.Province ? "province" : "district"));
            await hub.Clients.Group(scope).SendAsync(SituationHub.ChangesMessage, new ChangeBatch(items), cancellationToken);
        }
    }
}
