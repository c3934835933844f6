using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Situation.Server.Geography;

namespace Situation.Server.Live;

/// <summary>
/// Silence must not look like calm. Every few seconds each scope hears where every stream stands
/// (<see cref="Heartbeat"/>), and the other nodes hear where this node's own streams stand: a
/// client behind a stream sees it and catches up, and one that hears nothing at all knows it is
/// stale. A connection hears one as it subscribes, its starting point.
/// </summary>
public sealed class LiveHeartbeat(IHubContext<SituationHub> hub, ChangeWindow window, ChangeDelivery delivery, RedisBackplane backplane,
    ProvinceGeography geography, TimeProvider clock, IOptions<LiveOptions> options, ILogger<LiveHeartbeat> logger) : BackgroundService
{
    public const string Message = "heartbeat";

    public Heartbeat For(string scope) =>
        new(scope, window.Positions(scope), clock.GetUtcNow(), (int)options.Value.HeartbeatInterval.TotalMilliseconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    backplane.PublishPositions(delivery.PublishedPositions());
                    window.ForgetSilent();
                    foreach (var scope in geography.DistrictIds.Select(Scopes.District).Prepend(Scopes.Province))
                        await hub.Clients.Group(scope).SendAsync(Message, For(scope), stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "A heartbeat could not be sent");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
