using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using Situation.Contracts.Accounts;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Auth;
using Situation.Server.Passes;

namespace Situation.Server.Api;

/// <summary>What a checkpoint's device keeps to check passes offline: its checkpoints and their zones, the keys, the revoked passes.</summary>
public sealed record CheckpointKit(CheckpointKitEntry[] Checkpoints, PassKey[] Keys, RevokedPass[] Revoked, DateTimeOffset At);

/// <summary>
/// Passes (giấy đi đường, clause 1.1): an enterprise asks for its crew's passage into a district's
/// zones, the district committee grants (a signed token, shown as a QR code) or refuses, and the
/// checkpoints' officers check them and record crossings.
/// </summary>
public static class PassesApi
{
    private const string What = "pass";
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    public static void MapPassesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/passes").WithTags("Incidents");
        api.MapGet("/", List).WithName("ListPasses").WithSummary("Passes the caller may see (an enterprise its own, a district its zones', an officer its checkpoints'); filter by state, district, enterprise, zone");
        api.MapGet("/keys", Keys).AllowAnonymous().WithName("PassKeys").WithSummary("The public keys that verify passes (ECDSA P-256, as JWK x and y), the current one last");
        api.MapPost("/keys/rotate", Rotate).RequireAuthorization(AuthSetup.AdminPolicy).WithName("RotatePassKey")
            .WithSummary("A new key signs from now on; the old stays published until the passes it signed expire (administrators)");
        api.MapGet("/revoked", Revoked).WithName("RevokedPasses").WithSummary("Passes taken back whose window has not ended");
        api.MapGet("/checkpoint-kit", Kit).WithName("CheckpointKit").WithSummary("What a checkpoint officer's device keeps to check passes offline");
        api.MapPost("/verify", Verify).Accepts<PassVerifyRequest>("application/json").WithName("VerifyPass").WithSummary("Check a pass's token at a checkpoint, as the officer's page does offline");
        api.MapGet("/{id}", Get).WithName("GetPass").WithSummary("One pass");
        api.MapGet("/{id}/qr.svg", Qr).AnswersConflict("The pass is not granted: only a granted pass has a code.").WithName("PassQrCode").WithSummary("A granted pass's token as a QR code (SVG)").Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        api.MapPost("/", Request).Accepts<PassRequest>("application/json").AnswersConflict("A member has not declared their health today (clause 3.2c), or that id is another pass.").WithName("RequestPass")
            .WithSummary("An enterprise asks for its crew's passage (every member must have declared their health today)");
        api.MapPost("/{id}/decision", Decide).Accepts<PassDecisionRequest>("application/json").AnswersConflict("It is decided already, its window is past, or a member has not declared their health today.").WithName("DecidePass")
            .WithSummary("The district committee that owns the zones grants or refuses, saying why");
        api.MapPost("/{id}/revoke", Revoke).Accepts<PassRevocationRequest>("application/json").AnswersConflict("Only a granted pass is taken back.").WithName("RevokePass").WithSummary("The district committee takes a granted pass back");
        api.MapPost("/{id}/crossings", Cross).Accepts<CrossingRequest>("application/json").AnswersConflict("The pass is not granted, or not for that checkpoint.").WithName("RecordCrossing")
            .WithSummary("A checkpoint officer records the crew going in or out (the same crossing sent again is kept once)");
    }

    private static IPassBoardGrain Board(this IGrainFactory grains) => grains.GetGrain<IPassBoardGrain>(IPassBoardGrain.Key);

    private static async Task<Results<Ok<ItemList<PassView>>, ProblemHttpResult>> List(
        [Words("PassState")] string? state, string? district, string? enterprise, string? zone, HttpContext context, IGrainFactory grains, Check check)
    {
        check.Word("state", state, Words.PassState.All, required: false);
        check.Id("district", district, required: false);
        check.Id("enterprise", enterprise, required: false);
        check.Id("zone", zone, required: false);
        if (check.Problem is { } invalid) return invalid;
        var actor = Refusals.ActorOf(context);
        return TypedResults.Ok(new ItemList<PassView>((await grains.Board().List())
            .Where(p => PassView.AudienceOf(p).Admits(actor) && (state is null || p.State == state) && (district is null || p.DistrictId == district)
                && (enterprise is null || p.EnterpriseId == enterprise) && (zone is null || p.ZoneIds.Contains(zone)))
            .OrderByDescending(p => p.RequestedAt).ThenBy(p => p.Id, StringComparer.Ordinal)));
    }

    private static async Task<Ok<ItemList<PassKey>>> Keys(IGrainFactory grains) =>
        TypedResults.Ok(new ItemList<PassKey>(await grains.GetGrain<IPassKeysGrain>(IPassKeysGrain.Key).Published()));

    private static async Task<Ok<PassKey>> Rotate(HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPassKeysGrain>(IPassKeysGrain.Key).Rotate(Refusals.ActorOf(context)));

    private static async Task<Ok<ItemList<RevokedPass>>> Revoked(IGrainFactory grains) => TypedResults.Ok(new ItemList<RevokedPass>(await grains.Board().Revoked()));

    private static async Task<Results<Ok<CheckpointKit>, ProblemHttpResult>> Kit(string? checkpoint, HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var actor = Refusals.ActorOf(context);
        check.Id("checkpoint", checkpoint, required: false);
        if (check.Problem is { } invalid) return invalid;
        var ids = checkpoint is not null ? [checkpoint] : await CheckpointZones.OfficersCheckpoints(grains, actor);
        if (ids.Count == 0) return Problems.Invalid("checkpoint", "name the checkpoint (an officer's account names its own)");
        var entries = new List<CheckpointKitEntry>();
        foreach (var id in ids)
            if (await CheckpointZones.Of(grains, id) is not { } entry) return Problems.NotFound("checkpoint", id);
            else if (!WriteGate.ChecksPassesAt(actor, entry.Id, entry.DistrictId)) return NotTheirs(context, entry);
            else entries.Add(entry);
        var keys = grains.GetGrain<IPassKeysGrain>(IPassKeysGrain.Key).Published();
        return TypedResults.Ok(new CheckpointKit([.. entries], await keys, await grains.Board().Revoked(), clock.GetUtcNow()));
    }

    /// <summary>Passes are checked at a checkpoint by its officers, its district committee, leaders and administrators; not by anybody else.</summary>
    private static ProblemHttpResult NotTheirs(HttpContext context, CheckpointKitEntry checkpoint) =>
        Refusals.Forbidden(context, $"check passes at checkpoint '{checkpoint.Id}' of district {checkpoint.DistrictId} (its officers, its district committee, leaders and administrators do)");

    private static async Task<Results<Ok<PassVerdict>, ProblemHttpResult>> Verify(HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<PassVerifyRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var token = check.Text("token", body.Value!.Token, maxLength: 4000);
        var checkpointId = check.Id("checkpointId", body.Value.CheckpointId);
        if (check.Problem is { } invalid) return invalid;
        if (await CheckpointZones.Of(grains, checkpointId!) is not { } checkpoint) return Problems.NotFound("checkpoint", checkpointId!);
        if (!WriteGate.ChecksPassesAt(Refusals.ActorOf(context), checkpoint.Id, checkpoint.DistrictId)) return NotTheirs(context, checkpoint);
        var keys = await grains.GetGrain<IPassKeysGrain>(IPassKeysGrain.Key).Published();
        var revoked = (await grains.Board().Revoked()).Select(r => r.PassId).ToHashSet(StringComparer.Ordinal);
        return TypedResults.Ok(PassToken.Verify(token!, keys, revoked, checkpoint.Id, [.. checkpoint.Zones.Select(z => z.Id)], clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<PassView>, ProblemHttpResult>> Get(string id, HttpContext context, IGrainFactory grains) =>
        EntityId.IsValid(id) && await grains.GetGrain<IPassGrain>(id).Get() is { } pass && PassView.AudienceOf(pass).Admits(Refusals.ActorOf(context))
            ? TypedResults.Ok(pass)
            : Problems.NotFound(What, id);

    private static async Task<IResult> Qr(string id, HttpContext context, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id) || await grains.GetGrain<IPassGrain>(id).Get() is not { } pass || !PassView.AudienceOf(pass).Admits(Refusals.ActorOf(context)))
            return Problems.NotFound(What, id);
        if (pass.Token is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The pass '{id}' is {pass.State}", detail: "Only a granted pass has a code to show.");
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(pass.Token, QRCodeGenerator.ECCLevel.M);
        // The version (the code's size, 1–40) tells whoever prints it how fine the print must be.
        context.Response.Headers["X-Qr-Version"] = code.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(new SvgQRCode(code).GetGraphic(6), "image/svg+xml");
    }

    private static async Task<Results<Ok<PassView>, Created<PassView>, ProblemHttpResult>> Request(HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<PassRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var actor = Refusals.ActorOf(context);
        var id = check.Id("id", request.Id, required: false) ?? $"pass-{Guid.NewGuid():N}"[..17];
        var enterpriseId = check.Id("enterpriseId", request.EnterpriseId ?? WriteGate.OrganisationOf(actor));
        var crewId = check.Id("crewId", request.CrewId);
        var memberIds = check.Ids("memberIds", request.MemberIds);
        var incidentId = check.Id("incidentId", request.IncidentId, required: false);
        var zoneIds = check.Ids("zoneIds", request.ZoneIds);
        var checkpointIds = check.Ids("checkpointIds", request.CheckpointIds);
        if (request.MemberIds is not { Length: > 0 }) check.Reject("memberIds", "name at least one member of the crew");
        if (request.ZoneIds is not { Length: > 0 }) check.Reject("zoneIds", "name at least one zone");
        if (request.CheckpointIds is not { Length: > 0 }) check.Reject("checkpointIds", "name at least one checkpoint");
        if (request.ValidFrom is null) check.Reject("validFrom", "is required");
        if (request.ValidUntil is null) check.Reject("validUntil", "is required");
        if (request is { ValidFrom: { } from, ValidUntil: { } until })
        {
            if (until <= from) check.Reject("validUntil", "must be after validFrom");
            else if (until - from > LongestWindow) check.Reject("validUntil", "a pass is for at most 7 days");
            else if (until <= clock.GetUtcNow()) check.Reject("validUntil", "is already past");
        }
        if (check.Problem is { } invalid) return invalid;

        var crew = (await grains.GetGrain<ICrewsGrain>(enterpriseId!).Crews()).FirstOrDefault(c => c.Id == crewId);
        if (crew is null) return Problems.Invalid("crewId", $"'{enterpriseId}' has no crew '{crewId}'", StatusCodes.Status422UnprocessableEntity);
        var members = new List<PassMember>();
        var today = LocalDay.Of(clock.GetUtcNow());
        foreach (var memberId in memberIds.Distinct())
        {
            if (crew.Members.FirstOrDefault(m => m.Id == memberId) is not { } member)
                return Problems.Invalid("memberIds", $"'{memberId}' is not a member of crew '{crewId}'", StatusCodes.Status422UnprocessableEntity);
            if (!member.DeclaredOnDay(today))
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A member has not declared their health today",
                    detail: $"{member.Name} ('{member.Id}') last declared {member.DeclaredOn?.ToString("yyyy-MM-dd") ?? "never"}; a member who has not declared today cannot be put on a pass (clause 3.2c).");
            members.Add(new PassMember(member.Id, member.Name));
        }
        var zones = new List<ZoneView>();
        foreach (var zoneId in zoneIds.Distinct())
            if (await grains.Get<IZoneGrain>(EntityType.Zone, zoneId).GetView() is ZoneView { Status: Words.ZoneStatus.Active } zone) zones.Add(zone);
            else return Problems.Invalid("zoneIds", $"there is no active zone '{zoneId}'", StatusCodes.Status422UnprocessableEntity);
        var districtId = zones[0].DistrictId;
        if (zones.Any(z => z.DistrictId != districtId))
            return Problems.Invalid("zoneIds", "the zones of one pass are one district's (its committee decides): ask for one pass per district", StatusCodes.Status422UnprocessableEntity);
        foreach (var checkpointId in checkpointIds.Distinct())
            if (await grains.Get<ICheckpointGrain>(EntityType.Checkpoint, checkpointId).GetView() is not CheckpointView { } checkpoint || checkpoint.DistrictId != districtId)
                return Problems.Invalid("checkpointIds", $"there is no checkpoint '{checkpointId}' in district {districtId}", StatusCodes.Status422UnprocessableEntity);
        if (incidentId is not null && (await grains.GetGrain<IIncidentGrain>(incidentId).Get())?.EnterpriseId != enterpriseId)
            return Problems.Invalid("incidentId", $"'{enterpriseId}' has no incident '{incidentId}'", StatusCodes.Status422UnprocessableEntity);

        var application = new PassApplication(enterpriseId!, crewId!, [.. members], crew.VehiclePlate, incidentId, districtId, [.. zones.Select(z => z.Id)],
            [.. checkpointIds.Distinct()], request.ValidFrom!.Value, request.ValidUntil!.Value);
        var result = await grains.GetGrain<IPassGrain>(id).Apply(application, actor);
        if (result.Outcome == WriteOutcome.AlreadyExists && result.View is { } held)
            return held.EnterpriseId == application.EnterpriseId && held.CrewId == application.CrewId && held.ZoneIds.SequenceEqual(application.ZoneIds)
                ? DirectiveAnswers.Written(context, result with { Outcome = WriteOutcome.Unchanged }, What, id, "")
                : Problems.AlreadyExists(What, id);
        return DirectiveAnswers.Written(context, result, What, id, $"/api/passes/{id}", owner: enterpriseId);
    }

    private static async Task<Results<Ok<PassView>, Created<PassView>, ProblemHttpResult>> Decide(string id, HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<PassDecisionRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        if (body.Value!.Grant is null) check.Reject("grant", "is required: true to grant, false to refuse");
        var reason = check.Text("reason", body.Value.Reason, required: body.Value.Grant == false);
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, id);
        var result = await grains.GetGrain<IPassGrain>(id).Decide(body.Value.Grant!.Value, reason, Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, "", owner: result.View?.DistrictId is { } d ? $"district-{d}" : null,
            conflict: result.Outcome == WriteOutcome.Conflict ? await DecisionConflict(grains, result.View!, clock) : null);
    }

    /// <summary>Why a pass cannot be decided: already decided, its window past, or a member who has not declared today.</summary>
    private static async Task<string> DecisionConflict(IGrainFactory grains, PassView pass, TimeProvider clock)
    {
        if (pass.State != Words.PassState.Requested) return $"It is {pass.State} already.";
        if (pass.ValidUntil <= clock.GetUtcNow()) return "Its window is past.";
        var crew = (await grains.GetGrain<ICrewsGrain>(pass.EnterpriseId).Crews()).FirstOrDefault(c => c.Id == pass.CrewId);
        var today = LocalDay.Of(clock.GetUtcNow());
        var undeclared = pass.Members.Where(m => crew?.Members.FirstOrDefault(c => c.Id == m.Id)?.DeclaredOnDay(today) != true).Select(m => m.Name);
        return $"Not declared their health today (clause 3.2c): {string.Join(", ", undeclared)}.";
    }

    private static async Task<Results<Ok<PassView>, Created<PassView>, ProblemHttpResult>> Revoke(string id, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<PassRevocationRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var reason = check.Text("reason", body.Value!.Reason);
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, id);
        var result = await grains.GetGrain<IPassGrain>(id).Revoke(reason!, Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, "", owner: result.View?.DistrictId is { } d ? $"district-{d}" : null,
            conflict: result.Outcome == WriteOutcome.Conflict ? $"It is {result.View!.State}: only a granted pass is taken back." : null);
    }

    private static async Task<Results<Ok<PassView>, Created<PassView>, ProblemHttpResult>> Cross(string id, HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<CrossingRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var crossingId = check.Id("id", request.Id);
        var checkpointId = check.Id("checkpointId", request.CheckpointId);
        var direction = check.Word("direction", request.Direction, Words.CrossingDirection.All);
        // Recorded offline and sent later: the officer's time stands, as long as it is not ahead of ours.
        var at = check.NotInFuture("at", request.At) ?? clock.GetUtcNow();
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, id);
        var result = await grains.GetGrain<IPassGrain>(id).RecordCrossing(new PassCrossing(crossingId!, checkpointId!, direction!, at, ""), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, $"/api/passes/{id}", owner: checkpointId,
            conflict: result.Outcome == WriteOutcome.Conflict ? $"It is {result.View!.State}{(result.View.CheckpointIds.Contains(checkpointId!) ? "" : $" and not for checkpoint {checkpointId}")}." : null);
    }
}
