using Microsoft.Extensions.Options;
using Situation.Grains.Directives;
using Situation.Server.Api.Json;
using Situation.Server.Hosting;

namespace Situation.Server.Api;

/// <summary>The web dashboard's own settings, read by the browser before it loads the situation.</summary>
public static class WebClientApi
{
    public static void MapWebClientApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config", (IOptions<SituationOptions> options, IOptions<ComplianceOptions> directives) => Results.Json(new
            {
                tileUrl = options.Value.Web.TileUrl,
                emergencyContacts = directives.Value.EmergencyContacts.Select(c => new { name = c.Name, position = c.Position, phone = c.Phone }),
            }, ApiJson.Options))
            .WithTags("Situation")
            .WithName("DashboardConfig").WithSummary("The web dashboard's settings: the base-map tile URL, if any; whom to report an emergency to at once");
    }
}
