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

        api.MapGet("/", async (string? district, SituationReader reader) => Answers.Features(await reader.List(EntityType.Checkpoint, district)))
            .WithName("ListCheckpoints").WithSummary("Road checkpoints with their wifi state");

        api.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                Answers.Entity(EntityId.IsValid(id) ? await grains.Get<ICheckpointGrain>(EntityType.Checkpoint, id).GetView() : null, EntityType.Checkpoint, id))
            .WithName("GetCheckpoint").WithSummary("One checkpoint");

        api.MapPost("/", async (HttpContext context, IGrainFactory grains, Check check) =>
            {
                var body = await JsonBody.Read<CheckpointRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var request = body.Value!;
                var id = check.Id("id", request.Id);
                var name = check.Text("name", request.Name);
                var road = check.Text("road", request.Road, required: false);
                var location = check.Point("location", request.Location);
                var status = check.Word("status", request.Status, Words.CheckpointStatus.All, required: false);
                var wifi = check.Word("wifi", request.Wifi, Words.Wifi.All, required: false);
                var wifiOperator = check.Id("wifiOperator", request.WifiOperator, required: false);
                var districtId = location is null ? null : check.District("districtId", request.DistrictId, location);
                if (check.Problem is { } invalid) return invalid;

                var definition = new CheckpointDefinition(districtId!, name!, road, location!.Value, status, wifi, wifiOperator);
                return Answers.From(context, await grains.Get<ICheckpointGrain>(EntityType.Checkpoint, id!).Save(definition, Refusals.ActorOf(context)), EntityType.Checkpoint, id!);
            })
            .Accepts<CheckpointRequest>("application/json")
            .WithName("SaveCheckpoint").WithSummary("Register or update a checkpoint");

        api.MapPatch("/{id}", async (string id, HttpContext context, IGrainFactory grains, Check check) =>
            {
                var body = await JsonBody.Read<CheckpointPatchRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var request = body.Value!;
                var patch = new CheckpointPatch(
                    check.Text("name", request.Name, required: false),
                    check.Text("road", request.Road, required: false),
                    check.Word("status", request.Status, Words.CheckpointStatus.All, required: false),
                    check.Word("wifi", request.Wifi, Words.Wifi.All, required: false),
                    check.Id("wifiOperator", request.WifiOperator, required: false),
                    check.NotInFuture("at", request.At));
                if (check.Problem is { } invalid) return invalid;
                if (!EntityId.IsValid(id)) return Problems.NotFound(EntityType.Checkpoint, id);

                var result = await grains.Get<ICheckpointGrain>(EntityType.Checkpoint, id).Patch(patch, Refusals.ActorOf(context));
                return Answers.From(context, result, EntityType.Checkpoint, id);
            })
            .Accepts<CheckpointPatchRequest>("application/json")
            .WithName("PatchCheckpoint").WithSummary("Report a checkpoint's status or wifi; a repeat is a heartbeat");
    }
}
