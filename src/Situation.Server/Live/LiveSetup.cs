using StackExchange.Redis;
using Situation.Grains.Live;
using Situation.Server.Api.Json;

namespace Situation.Server.Live;

public static class LiveSetup
{
    /// <summary>SignalR with the API's JSON shapes; in cluster mode scaled out through Redis.</summary>
    public static void AddSituationLive(this WebApplicationBuilder builder, bool cluster)
    {
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection("Situation:Live"));
        var signalR = builder.Services.AddSignalR()
            .AddJsonProtocol(json => ApiJson.Configure(json.PayloadSerializerOptions));
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (cluster && !string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("situation"));

        builder.Services.AddSingleton<HubConnections>();
        if (cluster)
            builder.Services.AddHostedService<ResyncOnClusterChange>();
        builder.Services.AddSingleton<SignalRChangeFeed>();
        builder.Services.AddSingleton<IChangeFeed>(services => services.GetRequiredService<SignalRChangeFeed>());
        builder.Services.AddHostedService(services => services.GetRequiredService<SignalRChangeFeed>());
    }

    public static void MapSituationLive(this IEndpointRouteBuilder app) => app.MapHub<SituationHub>(SituationHub.Path);
}
