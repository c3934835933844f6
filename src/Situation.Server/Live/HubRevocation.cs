using Situation.Server.Auth;

namespace Situation.Server.Live;

/// <summary>
/// Closes, within a second, the hub connections of a caller who no longer stands — an account
/// disabled or given a new password, an API key revoked — on every node alike, since each node
/// checks its own connections against the account and key grains.
/// </summary>
public sealed class HubRevocation(HubConnections connections, StandingCheck standing, ILogger<HubRevocation> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var (caller, held) in connections.ByCaller())
                {
                    bool stands;
                    try
                    {
                        stands = await standing.Stands(caller);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        // Unknown is not revoked: the next round asks again.
                        logger.LogWarning(error, "Could not check whether {Caller} still stands", caller.Name);
                        continue;
                    }
                    if (stands) continue;
                    logger.LogInformation("Closing {Count} hub connections of {Caller}: signed out, disabled or revoked", held.Count, caller.Name);
                    foreach (var connection in held)
                        connection.Abort();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
