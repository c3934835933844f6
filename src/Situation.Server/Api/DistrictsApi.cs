using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Sitreps;

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
        api.MapGet("/{id}/availability", Availability).WithName("DistrictAvailability").ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("A district's time-weighted availability in equal parts of a period (the last 24 hours in 24 parts unless given; at most 31 days, 96 parts), from the history");
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

    public sealed record AvailabilitySeries(string DistrictId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AvailabilityPoint> Points);

    private static async Task<Results<Ok<AvailabilitySeries>, ProblemHttpResult>> Availability(string id, DateTimeOffset? from, DateTimeOffset? to, int? points,
        SituationReader reader, SitrepMaker sitreps, Check check, TimeProvider clock, HttpContext context)
    {
        var now = clock.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end.AddDays(-1);
        var parts = check.Range("points", points, 1, 96) ?? 24;
        if (end > now) check.Refuse("to", "lies in the future");
        else if (start >= end) check.Refuse("from", "must come before to");
        else if (end - start > TimeSpan.FromDays(31)) check.Refuse("from", "reaches back at most 31 days before to");
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id) || (await reader.List(EntityType.District)).All(d => d.Id != id))
            return Problems.NotFound(EntityType.District, id);
        var series = await sitreps.Availability(id, new SitrepPeriod(start, end), parts, context.RequestAborted);
        return TypedResults.Ok(new AvailabilitySeries(id, start, end, series));
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
