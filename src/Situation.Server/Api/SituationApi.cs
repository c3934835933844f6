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
        app.MapGet("/api/situation", async (SituationReader reader, TimeProvider clock) =>
            {
                var snapshot = await reader.Snapshot();
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
                    writer.WriteEndObject();
                }, "application/json");
            })
            .WithTags("Situation")
            .WithName("GetSituation").WithSummary("The whole picture in one snapshot: every entity with its version");
    }
}
