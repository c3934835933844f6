using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Situation.Grains.Live;
using Situation.Server.Api.Json;
using Situation.Server.Auth;
using Situation.Server.Hosting;

namespace Situation.Server.Live;

public static class LiveSetup
{
    /// <summary>SignalR with the API's JSON shapes, over JSON or MessagePack; in cluster mode the nodes share pushes through Redis.</summary>
    public static void AddSituationLive(this WebApplicationBuilder builder, bool cluster)
    {
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection("Situation:Live"));
        builder.Services.AddSignalR(hub => hub.AddFilter<HubRefusals>())
            .AddJsonProtocol(json => ApiJson.Configure(json.PayloadSerializerOptions))
            .AddMessagePackProtocol(messagePack => messagePack.SerializerOptions = JsonShapedMessagePack.Options);
        // Its every throw is an Error with a stack trace; HubRefusals logs them at their true level.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
        builder.Services.AddSingleton(services => new ChangeWindow(services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IOptions<LiveOptions>>().Value));
        builder.Services.AddSingleton<ChangeDelivery>();
        builder.Services.AddHostedSingleton<LiveHeartbeat>();
        var redis = builder.Configuration.GetConnectionString("Redis");
        builder.Services.AddSingleton(new BackplaneSettings(cluster && !string.IsNullOrWhiteSpace(redis) ? redis : null));
        builder.Services.AddHostedSingleton<RedisBackplane>();

        builder.Services.AddSingleton<HubConnections>();
        builder.Services.AddSingleton<HubLifetimeManager<SituationHub>, SituationHubLifetime>();
        builder.Services.AddSingleton<StandingCheck>();
        builder.Services.AddHostedService<HubRevocation>();
        if (cluster)
        {
            builder.Services.AddSingleton<AuditTailRepublisher>();
            builder.Services.AddHostedService<NodeDeathRecovery>();
        }
        builder.Services.AddHostedSingleton<ChangeBatcher>();
        builder.Services.AddSingleton<IChangeFeed>(services => services.GetRequiredService<ChangeBatcher>());
    }

    public static void MapSituationLive(this IEndpointRouteBuilder app) => app.MapHub<SituationHub>(SituationHub.Path);
}
