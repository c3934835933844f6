using Orleans.Runtime;

namespace Situation.Server.Live;

/// <summary>
/// When another node of the cluster dies, the changes it had accepted but not yet pushed are stored
/// but were never sent. Every surviving node then asks its clients to reconnect, and the snapshot
/// they reload carries those changes. (The dead node's own clients reconnect anyway.)
/// </summary>
public sealed class ResyncOnClusterChange(IClusterMembershipService membership, ILocalSiloDetails self, HubConnections connections,
    ILogger<ResyncOnClusterChange> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var alive = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
                var died = alive.Where(s => !s.Equals(self.SiloAddress) && snapshot.GetSiloStatus(s) == SiloStatus.Dead).ToList();
                if (died.Count > 0)
                    connections.AbortAll($"node {string.Join(", ", died)} died");
                alive = active;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Stopped following the cluster's membership");
        }
    }
}
