using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

public static class DistrictsApi
{
    public static void MapDistrictsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/districts").WithTags("Districts");

        api.MapGet("/", ListDistricts)
            .AnswersFeatures(EntityType.District)
            .WithName("ListDistricts").WithSummary("Every district with its level and counters: sites by health, checkpoints with wifi, post, open flags");
        api.MapGet("/{id}", GetDistrict).AnswersFeature(EntityType.District).WithName("GetDistrict").WithSummary("One district");
        api.MapPut("/{id}/level", SetDistrictLevel)
            .Accepts<LevelRequest>("application/json")
            .WithName("SetDistrictLevel").WithSummary("Set a district's level: normal, watch, distancing or lockdown");
    }

    private static async Task<IResult> ListDistricts(SituationReader reader, IGrainFactory grains)
    {
        var districts = await reader.List(EntityType.District);
        var counters = await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Counters();
        return new StreamedJson(stream => FeatureCollections.Write(stream, districts, district =>
            counters.TryGetValue(district.Id, out var c)
                ? new JsonObject { ["counters"] = JsonSerializer.SerializeToNode(c, ApiJson.Options) }
                : null));
    }

    private static Task<IResult> GetDistrict(string id, IGrainFactory grains) =>
        Answers.One(grains, EntityType.District, id);

    private static Task<Results<Ok<DistrictView>, Created<DistrictView>, ProblemHttpResult>> SetDistrictLevel(string id, HttpContext context, Check check) =>
        EntityWrites.Apply<LevelRequest, IDistrictGrain, DistrictView>(context, check, EntityType.District, request =>
        {
            var level = check.Word("level", request.Level, Words.DistrictLevel.All);
            var note = check.Text("note", request.Note, required: false);
            return new(id, (district, actor) => district.SetLevel(level!, note, actor));
        });
}
