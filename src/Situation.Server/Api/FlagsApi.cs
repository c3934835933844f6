using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

public static class FlagsApi
{
    public static void MapFlagsApi(this IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api").WithTags("Flags");
        IFlagsGrain Flags(IGrainFactory grains) => grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key);

        flags.MapGet("/flags", async (string? district, string? kind, IGrainFactory grains, Check check) =>
            {
                check.Id("district", district, required: false);
                check.Word("kind", kind, new Vocabulary([.. FlagKind.All]), required: false);
                if (check.Problem is { } invalid) return invalid;
                return Results.Json(await Flags(grains).List(district, kind), ApiJson.Options);
            })
            .WithName("ListFlags").WithSummary("Open flags, most severe and newest first; filter by district and kind");

        flags.MapPost("/flags/{id}/ack", async (string id, HttpContext context, IGrainFactory grains) =>
            {
                // A flag's id begins with its kind (<kind>.<type>.<id>), which is what a utility may acknowledge.
                var kind = FlagKind.All.FirstOrDefault(k => id.StartsWith(k + ".", StringComparison.Ordinal));
                if (Refusals.Refuse(context, new WriteTarget(WriteGate.FlagType, FlagKind: kind), out var actor) is { } refused) return refused;
                var acknowledged = await Flags(grains).Acknowledge(id, actor);
                return acknowledged is null ? Problems.NotFound("open flag", id) : Results.Json(acknowledged, ApiJson.Options);
            })
            .WithName("AcknowledgeFlag").WithSummary("Record who acknowledged an open flag, and when");

        flags.MapGet("/power-priority", async (IGrainFactory grains) => Results.Json(await Flags(grains).PowerPriority(), ApiJson.Options))
            .WithName("PowerPriority").WithSummary("Sites up on battery or generator, ranked by the coverage that would be lost if they went down");

        flags.MapGet("/what-if", async (string[]? site, IGrainFactory grains, Check check) =>
            {
                var sites = check.Ids("site", site);
                if (sites.Length == 0 && check.Ok) check.Reject("site", "give at least one ?site=<id>");
                if (check.Problem is { } invalid) return invalid;
                foreach (var id in sites)
                    if (await grains.Get<ISiteGrain>(EntityType.Site, id).GetView() is null)
                        return Problems.NotFound(EntityType.Site, id);
                var areas = await Flags(grains).WhatIf(sites);
                return Results.Json(new { sites, areas }, ApiJson.Options);
            })
            .WithName("WhatIf").WithSummary("Which zones and districts would raise or worsen a connectivity gap if these sites went down; changes nothing");
    }
}
