using System.Text.Json;
using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

public static class SituationApi
{
    public static void MapSituationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/situation", async (SituationReader reader, IGrainFactory grains, TimeProvider clock) =>
            {
                var snapshot = await reader.Snapshot();
                var flags = await OpenFlags.List(grains, null, null);
                var generatedAt = clock.GetUtcNow();
                return new StreamedJson(async stream =>
                {
                    var writer = stream.Writer;
                    writer.WriteStartObject();
                    writer.WriteString("generatedAt", generatedAt);
                    foreach (var entity in EntityTable.All)
                    {
                        writer.WritePropertyName(entity.Section);
                        await FeatureCollections.Write(stream, snapshot[entity.Type]);
                    }
                    writer.WritePropertyName("flags");
                    JsonSerializer.Serialize(writer, flags, ApiJson.Options);
                    writer.WriteEndObject();
                }, "application/json");
            })
            .WithTags("Situation")
            .WithName("GetSituation").WithSummary("The whole picture in one snapshot: every entity and open flag with its version");

        app.MapGet("/api/summary", async (IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Summary(), ApiJson.Options))
            .WithTags("Situation")
            .WithName("Summary").WithSummary("The province's totals (sites down, active zones, open flags) now and once a minute over the last day");
    }
}
