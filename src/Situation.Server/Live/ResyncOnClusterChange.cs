using Orleans.Runtime;

namespace Situation.Server.Live;

/// <summary>
/// When another node of the cluster dies or leaves, the changes it had accepted but not yet pushed
/// are stored but may never have been sent. Every remaining node then asks its clients to
/// reconnect, and the snapshot they reload carries those changes. (The node's own clients
/// reconnect anyway.)
/// </summary>
public sealed class ResyncOnClusterChange(IClusterMembershipService membership, ILocalSiloDetails self, HubConnections connections,
    ILogger<ResyncOnClusterChange> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every other node seen alive (active or on its way out) and not yet seen dead.
        var known = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var member in snapshot.Members.Values)
                    if (member.Status is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping && !member.SiloAddress.Equals(self.SiloAddress))
                        known.Add(member.SiloAddress);
                var died = known.Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Dead).ToList();
                if (died.Count > 0)
                {
                    known.ExceptWith(died);
                    connections.AbortAll($"node {string.Join(", ", died)} left the cluster");
                }
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
