using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

public static class CheckpointsApi
{
    public static void MapCheckpointsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checkpoints").WithTags("Checkpoints");

        api.MapGet("/", ListCheckpoints).AnswersFeatures(EntityType.Checkpoint).WithName("ListCheckpoints").WithSummary("Road checkpoints with their wifi state");
        api.MapGet("/{id}", GetCheckpoint).AnswersFeature(EntityType.Checkpoint).WithName("GetCheckpoint").WithSummary("One checkpoint");
        api.MapPost("/", SaveCheckpoint)
            .Accepts<CheckpointRequest>("application/json")
            .WithName("SaveCheckpoint").WithSummary("Register or update a checkpoint");
        api.MapPatch("/{id}", PatchCheckpoint)
            .Accepts<CheckpointPatchRequest>("application/json")
            .WithName("PatchCheckpoint").WithSummary("Report a checkpoint's status or wifi; a repeat is a heartbeat");
    }

    private static async Task<IResult> ListCheckpoints(string? district, SituationReader reader) =>
        Answers.Features(await reader.List(EntityType.Checkpoint, district));

    private static Task<IResult> GetCheckpoint(string id, IGrainFactory grains) =>
        Answers.One(grains, EntityType.Checkpoint, id);

    private static Task<Results<Ok<CheckpointView>, Created<CheckpointView>, ProblemHttpResult>> SaveCheckpoint(HttpContext context, Check check) =>
        EntityWrites.Apply<CheckpointRequest, ICheckpointGrain, CheckpointView>(context, check, EntityType.Checkpoint, request =>
        {
            var id = check.Id("id", request.Id);
            var name = check.Text("name", request.Name);
            var road = check.Text("road", request.Road, required: false);
            var location = check.Point("location", request.Location);
            var status = check.Word("status", request.Status, Words.CheckpointStatus.All, required: false);
            var wifi = check.Word("wifi", request.Wifi, Words.Wifi.All, required: false);
            var wifiOperator = check.Id("wifiOperator", request.WifiOperator, required: false);
            var districtId = location is null ? null : check.District("districtId", request.DistrictId, location);
            if (!check.Ok) return null;
            var definition = new CheckpointDefinition(districtId!, name!, road, location!.Value, status, wifi, wifiOperator);
            return new(id!, (checkpoint, actor) => checkpoint.Save(definition, actor));
        });

    private static Task<Results<Ok<CheckpointView>, Created<CheckpointView>, ProblemHttpResult>> PatchCheckpoint(string id, HttpContext context, Check check) =>
        EntityWrites.Apply<CheckpointPatchRequest, ICheckpointGrain, CheckpointView>(context, check, EntityType.Checkpoint, request =>
        {
            var patch = new CheckpointPatch(
                check.Text("name", request.Name, required: false),
                check.Text("road", request.Road, required: false),
                check.Word("status", request.Status, Words.CheckpointStatus.All, required: false),
                check.Word("wifi", request.Wifi, Words.Wifi.All, required: false),
                check.Id("wifiOperator", request.WifiOperator, required: false),
                check.NotInFuture("at", request.At));
            return new(id, (checkpoint, actor) => checkpoint.Patch(patch, actor));
        });
}
