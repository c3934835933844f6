using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Situation.Contracts.Grains;

namespace Situation.Server.Live;

/// <summary>
/// When another node of the cluster dies, the changes it had accepted but not yet pushed are stored
/// but were never sent. The clients of the other nodes stay connected: one surviving node — the
/// first active one by address, so that it is done once — republishes what changed since the moment
/// it last knew it had received everything the dead node sent (<see cref="RedisBackplane.WholeUntil"/>,
/// less a margin for writes still being stored and for clocks), and has the flags grain send its
/// open flags again — waking it, if it lived there, to take up its work from its last saved state.
/// Only when that moment is unknown and too much changed in the window, or the changed entities
/// cannot be read, do the clients of every node reload instead. (The dead node's own clients
/// reconnect elsewhere and reload anyway.)
/// </summary>
public sealed class NodeDeathRecovery(IClusterMembershipService membership, ILocalSiloDetails self, RedisBackplane backplane,
    AuditTailRepublisher republisher, IGrainFactory grains, TimeProvider clock, IOptions<LiveOptions> options,
    ILogger<NodeDeathRecovery> logger) : BackgroundService
{
    /// <summary>
    /// Taken off the last moment known whole: a change is stamped when its write starts, and under a
    /// storm on two cores its storing can take seconds before it is pushed; the nodes' clocks may differ too.
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

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
                if (died.Count == 0)
                    continue;
                known.ExceptWith(died);
                var first = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)
                    .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).FirstOrDefault();
                if (self.SiloAddress.Equals(first))
                    await Recover(died, stoppingToken);
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

    private async Task Recover(IReadOnlyList<SiloAddress> died, CancellationToken stoppingToken)
    {
        var why = $"node {string.Join(", ", died)} left the cluster";
        try
        {
            var wholeUntil = died.Select(backplane.WholeUntil).ToList();
            var since = wholeUntil.All(w => w is not null)
                ? wholeUntil.Min()!.Value - Margin
                : clock.GetUtcNow() - options.Value.CatchUpWindow;
            var sent = await republisher.Republish(since, options.Value.CatchUpItems, why, stoppingToken);
            var flags = await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).RepublishOpen();
            logger.LogInformation("Sent the {Count} open flags again", flags);
            if (!sent)
                backplane.ReloadEverywhere($"{why}, and too much changed since {since:O} to send again");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not send again what the dead node may not have pushed: every client reloads");
            backplane.ReloadEverywhere(why);
        }
    }
}
