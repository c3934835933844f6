using System.Text.Json;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

public static class SituationApi
{
    private static readonly (string Property, string EntityType)[] Sections =
    [
        ("districts", EntityType.District), ("zones", EntityType.Zone), ("checkpoints", EntityType.Checkpoint),
        ("sites", EntityType.Site), ("offices", EntityType.Office), ("routes", EntityType.Route),
    ];

    public static void MapSituationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/situation", async (SituationReader reader, IGrainFactory grains, TimeProvider clock) =>
            {
                var snapshot = await reader.Snapshot();
                var flags = await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).List(null, null);
                var generatedAt = clock.GetUtcNow();
                return new StreamedJson(async stream =>
                {
                    var writer = stream.Writer;
                    writer.WriteStartObject();
                    writer.WriteString("generatedAt", generatedAt);
                    foreach (var (property, entityType) in Sections)
                    {
                        writer.WritePropertyName(property);
                        await FeatureCollections.Write(stream, snapshot[entityType]);
                    }
                    writer.WritePropertyName("flags");
                    JsonSerializer.Serialize(writer, flags, ApiJson.Options);
                    writer.WriteEndObject();
                }, "application/json");
            })
            .WithTags("Situation")
            .WithName("GetSituation").WithSummary("The whole picture in one snapshot: every entity and open flag with its version");
    }
}
