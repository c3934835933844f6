using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Geography;

namespace Situation.Server.Api;

/// <summary>The result of one row of a roster import: its id, its status, and what was wrong with it.</summary>
public sealed record ShiftRowResult(int Row, string? Id, int Status, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record ShiftImportAnswer(int Saved, int Rejected, ShiftRowResult[] Results);

/// <summary>
/// Duty rosters (clause 3.1c) and postal staff's health declarations (3.2c): each organisation keeps
/// its own — by hand, or a CSV file's rows in one call with a result per row.
/// </summary>
public static class ShiftsApi
{
    private const string What = "shift";
    private const int MaxRows = 2000;
    private static readonly TimeSpan LongestShift = TimeSpan.FromDays(7);

    public static void MapShiftsApi(this IEndpointRouteBuilder app)
    {
        var shifts = app.MapGroup("/api/shifts").WithTags("Directives");
        shifts.MapGet("/", List).WithName("ListShifts").WithSummary("Duty rosters' shifts; filter by organisation and duty, and by who is on duty at a moment (at=)");
        shifts.MapGet("/on-duty", OnDuty).WithName("OnDutyNow").WithSummary("Who is on duty now (on the directives' clock), per organisation and duty");

        var organisation = app.MapGroup("/api/organisations/{id}").WithTags("Directives");
        organisation.MapPut("/shifts/{shiftId}", SaveOne)
            .Accepts<ShiftRequest>("application/json")
            .WithName("SaveShift").WithSummary("Add or replace one shift of the organisation's roster (its own accounts, or an administrator)");
        organisation.MapPost("/shifts", Import)
            .Accepts<ShiftBatchRequest>("application/json")
            .WithName("ImportShifts").WithSummary("Add or replace many shifts (a CSV file's rows) in one write; a result per row, bad rows left out");
        organisation.MapDelete("/shifts/{shiftId}", Remove).WithName("RemoveShift").WithSummary("Take a shift off the roster");
        organisation.MapPut("/health-declarations/{day}", ReportDeclarations)
            .Accepts<HealthDeclarationRequest>("application/json")
            .AnswersConflict("The organisation is not a postal enterprise: clause 3.2c asks its reports of postal ones.").WithName("ReportHealthDeclarations").WithSummary("A postal enterprise's day of health declarations: how many of the staff who worked declared");
    }

    private static async Task<Results<Ok<ItemList<ShiftView>>, ProblemHttpResult>> List(
        string? organisation, [Words("Duty")] string? duty, DateTimeOffset? at, IGrainFactory grains, Check check)
    {
        check.Id("organisation", organisation, required: false);
        check.Word("duty", duty, Words.Duty.All, required: false);
        if (check.Problem is { } invalid) return invalid;
        var all = await grains.Compliance().ShiftList();
        return TypedResults.Ok(new ItemList<ShiftView>(all
            .Where(s => (organisation is null || s.OrganisationId == organisation) && (duty is null || s.Duty == duty) && (at is null || s.Covers(at.Value)))
            .OrderBy(s => s.OrganisationId, StringComparer.Ordinal).ThenBy(s => s.Start)));
    }

    private static async Task<Results<Ok<ItemList<ShiftView>>, ProblemHttpResult>> OnDuty(string? organisation, IGrainFactory grains, Check check)
    {
        check.Id("organisation", organisation, required: false);
        if (check.Problem is { } invalid) return invalid;
        var compliance = grains.Compliance();
        var now = await compliance.Now();
        return TypedResults.Ok(new ItemList<ShiftView>((await compliance.ShiftList())
            .Where(s => s.Covers(now) && (organisation is null || s.OrganisationId == organisation))
            .OrderBy(s => s.OrganisationId, StringComparer.Ordinal).ThenBy(s => s.Duty, StringComparer.Ordinal)));
    }

    /// <summary>One shift checked field by field: a duty, a person and a phone that dials, a start before its end, at most a week long.</summary>
    private static ShiftDefinition? Read(ShiftRequest request, string? id, Check check)
    {
        var shiftId = check.Id("id", id);
        var duty = check.Word("duty", request.Duty, Words.Duty.All);
        var person = check.Text("person", request.Person);
        var phone = ContactInput.Phone(check, "phone", request.Phone);
        if (request.Start is null) check.Reject("start", "is required");
        if (request.End is null) check.Reject("end", "is required");
        if (request is { Start: { } start, End: { } end })
        {
            if (end <= start) check.Reject("end", "must be after start");
            else if (end - start > LongestShift) check.Reject("end", "a shift lasts at most 7 days");
        }
        return check.Ok ? new ShiftDefinition(shiftId!, duty!, person!, phone!, request.Start!.Value, request.End!.Value) : null;
    }

    private static async Task<Results<Ok<ShiftView>, Created<ShiftView>, ProblemHttpResult>> SaveOne(
        string id, string shiftId, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<ShiftRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var shift = Read(body.Value!, shiftId, check);
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound("organisation", id);
        var result = await grains.GetGrain<IRosterGrain>(id).Save([shift!], Refusals.ActorOf(context));
        var one = new DirectiveWrite<ShiftView>(result.Outcome, result.View?.FirstOrDefault(s => s.Id == shiftId));
        return DirectiveAnswers.Written(context, one, result.Outcome == WriteOutcome.NotFound ? "organisation" : What,
            result.Outcome == WriteOutcome.NotFound ? id : shiftId, $"/api/shifts?organisation={id}", owner: id);
    }

    private static async Task<Results<Ok<ShiftImportAnswer>, ProblemHttpResult>> Import(
        string id, HttpContext context, IGrainFactory grains, ProvinceGeography geography, TimeProvider clock)
    {
        var body = await JsonBody.Read<ShiftBatchRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        if (body.Value!.Shifts is not { ValueKind: JsonValueKind.Array } rows)
            return Problems.Invalid("shifts", "must be an array of shifts");
        if (rows.GetArrayLength() > MaxRows)
            return Problems.Invalid("shifts", $"at most {MaxRows} shifts per call");
        if (!EntityId.IsValid(id)) return Problems.NotFound("organisation", id);

        var results = new List<ShiftRowResult>();
        var valid = new List<(int Row, ShiftDefinition Shift)>();
        var row = 0;
        foreach (var item in rows.EnumerateArray())
        {
            row++;
            var check = new Check(geography, clock);
            ShiftRequest? request = null;
            try
            {
                request = item.ValueKind == JsonValueKind.Object ? item.Deserialize<ShiftRequest>(ApiJson.RequestOptions) : null;
                if (request is null) check.Reject("body", "must be a JSON object");
            }
            catch (JsonException error)
            {
                check.Reject(string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.'), "has the wrong type or an out-of-range value");
            }
            var shift = request is null ? null : Read(request, request.Id, check);
            if (shift is not null && valid.Any(v => v.Shift.Id == shift.Id))
                check.Reject("id", $"'{shift.Id}' is on an earlier row too");
            if (check.Ok && shift is not null) valid.Add((row, shift));
            else results.Add(new ShiftRowResult(row, request?.Id, StatusCodes.Status400BadRequest, check.Errors));
        }
        if (valid.Count > 0)
        {
            var written = await grains.GetGrain<IRosterGrain>(id).Save([.. valid.Select(v => v.Shift)], Refusals.ActorOf(context));
            if (written.Outcome == WriteOutcome.Forbidden) return Refusals.Forbidden(context, "roster", id);
            if (written.Outcome == WriteOutcome.NotFound) return Problems.NotFound("organisation", id);
            results.AddRange(valid.Select(v => new ShiftRowResult(v.Row, v.Shift.Id, StatusCodes.Status200OK, null)));
        }
        var ordered = results.OrderBy(r => r.Row).ToArray();
        return TypedResults.Ok(new ShiftImportAnswer(valid.Count, ordered.Length - valid.Count, ordered));
    }

    private static async Task<Results<Ok<ShiftView>, Created<ShiftView>, ProblemHttpResult>> Remove(string id, string shiftId, HttpContext context, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id)) return Problems.NotFound("organisation", id);
        var result = await grains.GetGrain<IRosterGrain>(id).Remove(shiftId, Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, new DirectiveWrite<ShiftView>(result.Outcome, result.View?.FirstOrDefault()), What, shiftId, "", owner: id);
    }

    private static async Task<Results<Ok<OrganisationView>, Created<OrganisationView>, ProblemHttpResult>> ReportDeclarations(
        string id, string day, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<HealthDeclarationRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            check.Reject("day", "write it as YYYY-MM-DD");
        var worked = check.Range("worked", body.Value!.Worked, 0, 1_000_000);
        var declared = check.Range("declared", body.Value.Declared, 0, 1_000_000);
        if (body.Value.Worked is null) check.Reject("worked", "is required");
        if (body.Value.Declared is null) check.Reject("declared", "is required");
        if (check.Ok && declared > worked) check.Reject("declared", "cannot be more than worked");
        if (check.Problem is { } invalid) return invalid;
        var compliance = grains.Compliance();
        var now = await compliance.Now();
        if (date > Situation.Grains.Directives.ObligationRules.LocalDay(now))
            return Problems.Invalid("day", "is after today", StatusCodes.Status422UnprocessableEntity);
        if (!EntityId.IsValid(id)) return Problems.NotFound("organisation", id);
        var result = await grains.GetGrain<IOrganisationGrain>(id).ReportHealthDeclarations(new HealthDeclarationReport(date, declared!.Value, worked!.Value, now), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, "organisation", id, $"/api/organisations/{id}", owner: id,
            conflict: "Only postal enterprises report their staff's health declarations (clause 3.2c).");
    }
}
