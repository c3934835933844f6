using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Directives;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

/// <summary>What each addressee owes under each clause, where it stands, and the evidence it sends.</summary>
public static class ObligationsApi
{
    private const string What = "obligation";

    public static void MapObligationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/obligations").WithTags("Directives");

        api.MapGet("/", List)
            .WithName("ListObligations").WithSummary("Every obligation with its status, overdue first; filter by organisation, kind, status, district and directive");
        api.MapGet("/{id}", Get).WithName("GetObligation").WithSummary("One obligation");
        api.MapGet("/{id}/status-changes", StatusChanges).WithName("ObligationStatusChanges")
            .WithSummary("How an obligation's status changed, newest first: by hand or by the platform (a deadline passed, a checkpoint got wifi), with what was found then");
        api.MapPost("/{id}/evidence", SendEvidence)
            .Accepts<EvidenceRequest>("application/json")
            .AnswersConflict("The platform decides this obligation itself (checkpoint wifi, priority power, a contact point): no evidence by hand.").WithName("SendObligationEvidence").WithSummary("The organisation shows it has done what the clause asks: a note, a document's reference (not for what the platform decides itself)");
        api.MapPost("/{id}/waive", Waive)
            .Accepts<WaiverRequest>("application/json")
            .WithName("WaiveObligation").WithSummary("Release an organisation from an obligation, saying why (administrators)");
    }

    /// <summary>What needs attention first: overdue, then pending, then the rest; the nearest deadline first within each.</summary>
    private static int Urgency(string status) => status switch
    {
        Words.ObligationStatus.Overdue => 0,
        Words.ObligationStatus.Pending => 1,
        Words.ObligationStatus.Met => 2,
        _ => 3,
    };

    private static async Task<Results<Ok<ItemList<ObligationView>>, ProblemHttpResult>> List(
        string? organisation, [Words("ObligationKind")] string? kind, [Words("ObligationStatus")] string? status, string? district, string? directive,
        IGrainFactory grains, Check check)
    {
        check.Id("organisation", organisation, required: false);
        check.Word("kind", kind, Words.ObligationKind.All, required: false);
        check.Word("status", status, Words.ObligationStatus.All, required: false);
        check.Id("district", district, required: false);
        check.Id("directive", directive, required: false);
        if (check.Problem is { } invalid) return invalid;
        var all = await grains.Compliance().Obligations();
        var listed = all
            .Where(o => (organisation is null || o.OrganisationId == organisation) && (kind is null || o.Kind == kind) && (status is null || o.Status == status)
                && (district is null || o.DistrictId == district) && (directive is null || o.DirectiveId == directive))
            .OrderBy(o => Urgency(o.Status)).ThenBy(o => o.Deadline ?? DateTimeOffset.MaxValue).ThenBy(o => o.Id, StringComparer.Ordinal);
        return TypedResults.Ok(new ItemList<ObligationView>(listed));
    }

    private static async Task<Results<Ok<ItemList<ObligationStatusChange>>, ProblemHttpResult>> StatusChanges(string id, IGrainFactory grains) =>
        await grains.Compliance().StatusChanges(id) is { } changes ? TypedResults.Ok(new ItemList<ObligationStatusChange>(changes)) : Problems.NotFound(What, id);

    private static async Task<Results<Ok<ObligationView>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        (await grains.Compliance().Obligations()).FirstOrDefault(o => o.Id == id) is { } obligation ? TypedResults.Ok(obligation) : Problems.NotFound(What, id);

    private static async Task<Results<Ok<ObligationView>, Created<ObligationView>, ProblemHttpResult>> SendEvidence(
        string id, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<EvidenceRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var note = check.Text("note", body.Value!.Note, required: false, maxLength: 2000);
        var document = check.Text("document", body.Value.Document, required: false);
        if (check.Ok && note is null && document is null)
            check.Reject("note", "give a note, a document's reference, or both");
        if (check.Problem is { } invalid) return invalid;
        var result = await grains.Compliance().SendEvidence(id, new ObligationEvidence(note, document), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, $"/api/obligations/{id}", owner: result.View?.OrganisationId,
            conflict: "The platform decides this obligation from what it knows (a contact point, the checkpoints' wifi, the power queue, the duty roster, the health-declaration reports); send that instead.");
    }

    private static async Task<Results<Ok<ObligationView>, Created<ObligationView>, ProblemHttpResult>> Waive(
        string id, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<WaiverRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var reason = check.Text("reason", body.Value!.Reason, maxLength: 2000);
        if (check.Problem is { } invalid) return invalid;
        var result = await grains.Compliance().Waive(id, reason!, Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, $"/api/obligations/{id}");
    }
}
