using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using System.Text.Json;
using System.Text.Json.Nodes;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

public static class DistrictsApi
{
    public static void MapDistrictsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/districts").WithTags("Districts");

        api.MapGet("/", async (SituationReader reader, IGrainFactory grains) =>
            {
                var districts = await reader.List(EntityType.District);
                var counters = await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Counters();
                return new StreamedJson(stream => FeatureCollections.Write(stream, districts, district =>
                    counters.TryGetValue(district.Id, out var c)
                        ? new JsonObject { ["counters"] = JsonSerializer.SerializeToNode(c, ApiJson.Options) }
                        : null));
            })
            .WithName("ListDistricts").WithSummary("Every district with its level and counters: sites by health, checkpoints with wifi, post, open flags");

        api.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                Answers.Entity(EntityId.IsValid(id) ? await grains.Get<IDistrictGrain>(EntityType.District, id).GetView() : null, EntityType.District, id))
            .WithName("GetDistrict").WithSummary("One district");

        api.MapPut("/{id}/level", async (string id, HttpContext context, IGrainFactory grains, Check check) =>
            {
                var body = await JsonBody.Read<LevelRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var level = check.Word("level", body.Value!.Level, Words.DistrictLevel.All);
                var note = check.Text("note", body.Value.Note, required: false);
                if (check.Problem is { } invalid) return invalid;
                if (!EntityId.IsValid(id)) return Problems.NotFound(EntityType.District, id);
                var result = await grains.Get<IDistrictGrain>(EntityType.District, id).SetLevel(level!, note, Refusals.ActorOf(context));
                return Answers.From(context, result, EntityType.District, id);
            })
            .Accepts<LevelRequest>("application/json")
            .WithName("SetDistrictLevel").WithSummary("Set a district's level: normal, watch, distancing or lockdown");
    }
}
