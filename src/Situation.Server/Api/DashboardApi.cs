using Microsoft.Extensions.Options;
using Situation.Contracts.Grains;
using Situation.Server.Api.Json;
using Situation.Server.Hosting;

namespace Situation.Server.Api;

/// <summary>What the web dashboard needs besides the situation itself: its settings and the province's recent history.</summary>
public static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/api").WithTags("Situation");

        dashboard.MapGet("/config", (IOptions<SituationOptions> options) => Results.Json(new { tileUrl = options.Value.Web.TileUrl }, ApiJson.Options))
            .WithName("DashboardConfig").WithSummary("The web dashboard's settings: the base-map tile URL, if any");

        dashboard.MapGet("/summary", async (IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Summary(), ApiJson.Options))
            .WithName("Summary").WithSummary("The province's totals (sites down, active zones, open flags) now and once a minute over the last day");
    }
}
