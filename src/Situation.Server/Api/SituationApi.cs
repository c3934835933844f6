using System.Globalization;
using System.Text.Json;
using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.History;

namespace Situation.Server.Api;

public static class SituationApi
{
    public static void MapSituationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/situation", async (string? at, SituationReader reader, Replay replay, IGrainFactory grains, TimeProvider clock, HttpContext context) =>
            {
                var generatedAt = clock.GetUtcNow();
                if (at is not null)
                {
                    if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                        return Problems.Invalid("at", "must be an ISO 8601 time, e.g. 2021-01-28T02:00:00+07:00");
                    if (moment > generatedAt)
                        return Problems.Invalid("at", "is in the future: replay shows what was, not what will be", StatusCodes.Status422UnprocessableEntity);
                    var past = await replay.At(moment, context.RequestAborted);
                    return Picture(generatedAt, past.At, entity => past.Entities[entity.Type], past.Flags);
                }
                var snapshot = await reader.Snapshot();
                var flags = await OpenFlags.List(grains, null, null);
                return Picture(generatedAt, null, entity => snapshot[entity.Type], flags);
            })
            .WithTags("Situation")
            .WithName("GetSituation").ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The whole picture in one snapshot: every entity and open flag with its version; with at=<ISO time>, the picture as it was then (replay)")
            .WithDescription("With `at`, the picture is rebuilt from the audit trail and the flag log (README \"History\"): every entity at its newest version " +
                "at that moment and the flags then open; `at` in the answer says which moment it shows. A heartbeat moves only an entity's `lastReportAt` " +
                "and keeps no record, so a replayed entity shows the `lastReportAt` of its version.");

        app.MapGet("/api/summary", async (IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Summary(), ApiJson.Options))
            .WithTags("Situation")
            .WithName("Summary").WithSummary("The province's totals (sites down, active zones, open flags) now and once a minute over the last day");
    }

    private static IResult Picture(DateTimeOffset generatedAt, DateTimeOffset? at, Func<EntityDescriptor, IEnumerable<EntityView>> entities, FlagView[] flags) =>
        new StreamedJson(stream => WritePicture(stream, generatedAt, at, entities, flags), "application/json");

    /// <summary>The snapshot's JSON: each type's FeatureCollection and the open flags; <c>at</c> when it is a replay.</summary>
    public static async Task WritePicture(JsonStream stream, DateTimeOffset generatedAt, DateTimeOffset? at, Func<EntityDescriptor, IEnumerable<EntityView>> entities, FlagView[] flags)
    {
        var writer = stream.Writer;
        writer.WriteStartObject();
        writer.WriteString("generatedAt", generatedAt);
        if (at is { } moment) writer.WriteString("at", moment);
        foreach (var entity in EntityTable.All)
        {
            writer.WritePropertyName(entity.Section);
            await FeatureCollections.Write(stream, entities(entity));
        }
        writer.WritePropertyName("flags");
        JsonSerializer.Serialize(writer, flags, ApiJson.Options);
        writer.WriteEndObject();
    }
}
