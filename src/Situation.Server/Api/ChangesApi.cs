using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Geography;
using Situation.Server.Live;

namespace Situation.Server.Api;

/// <summary>
/// Catching up costs what was missed, not the whole picture: a client that sees a gap in a stream
/// (README, "Live updates") asks for the changes after the last message it has, from any node that
/// sent or relayed that stream. When they are no longer kept there — too old, or in a hole that node
/// missed itself — the answer is 410 and the client reloads the snapshot.
/// </summary>
public static class ChangesApi
{
    public static void MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/changes", (string? scope, string? publisher, long? since, HttpContext context, ChangeWindow window, ProvinceGeography geography) =>
            {
                if (!Scopes.TryParse(scope, out var district) || district is not null && !geography.HasDistrict(district))
                    return Problems.Invalid("scope", "give \"province\" or \"district:<code>\" of a known district");
                if (!ChangeDelivery.IsPublisher(publisher))
                    return Problems.Invalid("publisher", "give the publisher of the stream, as a `changes` or `heartbeat` message names it");
                if (since is not >= 0)
                    return Problems.Invalid("since", "give the number of the last message you have of that stream (0 for none)");
                if (window.After(publisher!, scope!, since.Value) is not { } caught)
                    return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "No longer kept here",
                        detail: "The changes after that message are not all kept on this node any more; reload the picture (GET /api/situation).");
                // Only what the caller may see, as on the live feed (an incident, a crew, a pass is not everyone's).
                var actor = Refusals.ActorOf(context);
                return Results.Json(new { publisher, scope, since, last = caught.Last, items = caught.Items.Where(i => i.SeenBy(actor)) }, ApiJson.Options);
            })
            .WithTags("Live updates")
            .WithName("ChangesSince").WithSummary("The changes of one stream after a message number, for a live client that missed some; 410 when no longer kept");
    }
}
