using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

/// <summary>What the what-if query answers: the sites asked about and the areas their loss would flag.</summary>
public sealed record WhatIfAnswer(string[] Sites, WhatIfArea[] Areas);

public static class FlagsApi
{
    public static void MapFlagsApi(this IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api").WithTags("Flags");

        flags.MapGet("/flags", ListFlags)
            .AnswersFeatures(GeoJsonDescription.FlagLayer)
            .WithName("ListFlags").WithSummary("Open flags, most severe and newest first; filter by district and kind; ?format=geojson for a FeatureCollection located at each flag's subject");
        flags.MapPost("/flags/{id}/ack", AcknowledgeFlag)
            .WithName("AcknowledgeFlag").WithSummary("Record who acknowledged an open flag, and when");
        flags.MapGet("/power-priority", PowerPriority)
            .WithName("PowerPriority").WithSummary("Sites up on battery or generator, ranked by the coverage that would be lost if they went down");
        flags.MapGet("/what-if", WhatIf)
            .WithName("WhatIf").WithSummary("Which zones and districts would raise or worsen a connectivity gap if these sites went down; changes nothing");
    }

    private static IFlagsGrain Flags(IGrainFactory grains) => grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key);

    public static readonly Vocabulary Formats = new("FlagListFormat", ["json", "geojson"]);

    private static async Task<Results<Ok<FlagView[]>, StreamedJson, ProblemHttpResult>> ListFlags(
        string? district, [Words("FlagKind")] string? kind, [Words("FlagListFormat")] string? format, IGrainFactory grains, SituationReader reader, Check check)
    {
        check.Id("district", district, required: false);
        check.Word("kind", kind, FlagKind.Vocabulary, required: false);
        check.Word("format", format, Formats, required: false);
        if (check.Problem is { } invalid) return invalid;
        var list = await OpenFlags.List(grains, district, kind);
        if (format != "geojson") return TypedResults.Ok(list);
        var subjects = await FlagFeatures.Subjects(reader, list);
        return new StreamedJson(stream => FlagFeatures.Write(stream, list, subjects));
    }

    private static async Task<Results<Ok<FlagView>, ProblemHttpResult>> AcknowledgeFlag(string id, HttpContext context, IGrainFactory grains)
    {
        // A flag's id begins with its kind (<kind>.<type>.<id>), which is what a utility may acknowledge.
        var kind = FlagKind.All.FirstOrDefault(k => id.StartsWith(k + ".", StringComparison.Ordinal));
        if (Refusals.Refuse(context, new WriteTarget(WriteGate.FlagType, FlagKind: kind), out var actor) is { } refused) return refused;
        var acknowledged = FlagKind.IsDirectives(kind) ? await grains.Compliance().Acknowledge(id, actor) : await Flags(grains).Acknowledge(id, actor);
        return acknowledged is not null ? TypedResults.Ok(acknowledged) : Problems.NotFound("open flag", id);
    }

    private static async Task<Ok<PowerPriorityItem[]>> PowerPriority(IGrainFactory grains) =>
        TypedResults.Ok(await Flags(grains).PowerPriority());

    private static async Task<Results<Ok<WhatIfAnswer>, ProblemHttpResult>> WhatIf([FromQuery] string[]? site, IGrainFactory grains, Check check)
    {
        var sites = check.Ids("site", site);
        if (sites.Length == 0 && check.Ok) check.Reject("site", "give at least one ?site=<id>");
        if (check.Problem is { } invalid) return invalid;
        foreach (var id in sites)
            if (await grains.Get<ISiteGrain>(EntityType.Site, id).GetView() is null)
                return Problems.NotFound(EntityType.Site, id);
        return TypedResults.Ok(new WhatIfAnswer(sites, await Flags(grains).WhatIf(sites)));
    }
}
