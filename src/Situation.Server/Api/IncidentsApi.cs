using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Incidents;

namespace Situation.Server.Api;

/// <summary>
/// Incidents (clauses 1.1 and 3.1c): opened by hand or from a flag with one call, then taken step by
/// step by the enterprise that must act; listed for whoever may see them, and summed up for leaders.
/// </summary>
public static class IncidentsApi
{
    private const string What = "incident";
    private static readonly TimeSpan LongestSummary = TimeSpan.FromDays(30);

    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("Incidents");
        api.MapGet("/", List).WithName("ListIncidents")
            .WithSummary("Incidents the caller may see (an enterprise its own, a district committee its district's), open first; filter by state, enterprise, district");
        api.MapGet("/summary", Summary).WithName("IncidentSummary")
            .WithSummary("Open incidents and mean times to acknowledge and restore, per enterprise and district, over the last hours (24 unless given)");
        api.MapGet("/{id}", Get).WithName("GetIncident").WithSummary("One incident with every step of its handling");
        api.MapPost("/", Open).Accepts<IncidentRequest>("application/json").AnswersConflict("The flag already has an open incident (its id is in the answer), or that id is another incident's.").WithName("OpenIncident")
            .WithSummary("Open an incident from an open flag or on entities named by hand (leaders, administrators, or the enterprise that must act)");
        api.MapPost("/{id}/steps", Step).Accepts<IncidentStepRequest>("application/json").AnswersConflict("The incident's state does not allow that step (the answer says which it allows), or there is nobody to send.").WithName("MoveIncident")
            .WithSummary("The next step of an incident (the enterprise's accounts): acknowledged, crew_dispatched, on_site, resolved or cancelled; 409 for one its state does not allow");
    }

    private static IIncidentBoardGrain Board(this IGrainFactory grains) => grains.GetGrain<IIncidentBoardGrain>(IIncidentBoardGrain.Key);

    private static async Task<Results<Ok<ItemList<IncidentView>>, ProblemHttpResult>> List(
        [Words("IncidentState")] string? state, string? enterprise, string? district, bool? open, HttpContext context, IGrainFactory grains, Check check)
    {
        check.Word("state", state, Words.IncidentState.All, required: false);
        check.Id("enterprise", enterprise, required: false);
        check.Id("district", district, required: false);
        if (check.Problem is { } invalid) return invalid;
        var actor = Refusals.ActorOf(context);
        var listed = (await grains.Board().List())
            .Where(i => IncidentRules.AudienceOf(i).Admits(actor) && (state is null || i.State == state) && (enterprise is null || i.EnterpriseId == enterprise)
                && (district is null || i.DistrictId == district) && (open is null || i.IsOpen == open))
            .OrderBy(i => i.IsOpen ? 0 : 1).ThenByDescending(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal);
        return TypedResults.Ok(new ItemList<IncidentView>(listed));
    }

    private static async Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Summary(int? hours, HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var period = check.Range("hours", hours, 1, (int)LongestSummary.TotalHours) ?? 24;
        if (check.Problem is { } invalid) return invalid;
        var actor = Refusals.ActorOf(context);
        var until = clock.GetUtcNow();
        var seen = (await grains.Board().List()).Where(i => IncidentRules.AudienceOf(i).Admits(actor)).ToList();
        return TypedResults.Ok(IncidentSummary.Of(seen, until - TimeSpan.FromHours(period), until));
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Get(string id, HttpContext context, IGrainFactory grains) =>
        EntityId.IsValid(id) && await grains.GetGrain<IIncidentGrain>(id).Get() is { } incident && IncidentRules.AudienceOf(incident).Admits(Refusals.ActorOf(context))
            ? TypedResults.Ok(incident)
            : Problems.NotFound(What, id);

    private static async Task<Results<Ok<IncidentView>, Created<IncidentView>, ProblemHttpResult>> Open(HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<IncidentRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var id = check.Id("id", request.Id, required: false) ?? $"inc-{Guid.NewGuid():N}"[..16];
        var flagId = check.Text("flagId", request.FlagId, required: false);
        var enterpriseId = check.Id("enterpriseId", request.EnterpriseId, required: false);
        var note = check.Text("note", request.Note, required: false);
        var named = new List<EntityRef>();
        foreach (var (subject, i) in (request.Subjects ?? []).Select((s, i) => (s, i)))
        {
            var type = check.Word($"subjects[{i}].type", subject?.Type, EntityTypes);
            var subjectId = check.Id($"subjects[{i}].id", subject?.Id);
            if (type is not null && subjectId is not null) named.Add(new EntityRef(type, subjectId));
        }
        if (flagId is null && named.Count == 0) check.Reject("subjects", "name the entities it concerns, or the flag it comes from (flagId)");
        if (check.Problem is { } invalid) return invalid;

        FlagView? flag = null;
        if (flagId is not null)
        {
            flag = (await OpenFlags.List(grains, null, null)).FirstOrDefault(f => f.Id == flagId);
            if (flag is null) return Problems.Invalid("flagId", $"there is no open flag '{flagId}'", StatusCodes.Status422UnprocessableEntity);
            if (!IncidentRules.MayOpenFrom(flag.Kind)) return Problems.Invalid("flagId", $"an incident is not opened from a {flag.Kind} flag", StatusCodes.Status422UnprocessableEntity);
            // The flag's subject is the fault (an upstream outage's root, not the sites cut off behind it).
            named.Insert(0, new EntityRef(flag.Subject.Type, flag.Subject.Id));
        }
        var subjects = named.Distinct().ToArray();
        var (views, missing) = await IncidentSubjects.Read(grains, subjects);
        if (missing is not null) return Problems.Invalid("subjects", $"there is no {missing.Type} '{missing.Id}'", StatusCodes.Status422UnprocessableEntity);

        var owners = views.Select(IncidentSubjects.EnterpriseOf).OfType<string>().Distinct().ToList();
        if (enterpriseId is null && owners.Count != 1)
            return Problems.Invalid("enterpriseId", owners.Count == 0 ? "is required: no subject names who must act" : $"is required: the subjects are {string.Join(", ", owners)}'s", StatusCodes.Status422UnprocessableEntity);
        if (enterpriseId is not null && owners.Count > 0 && !owners.Contains(enterpriseId))
            return Problems.Invalid("enterpriseId", $"the subjects are {string.Join(", ", owners)}'s, not '{enterpriseId}''s", StatusCodes.Status422UnprocessableEntity);
        enterpriseId ??= owners[0];
        if (await grains.GetGrain<IOrganisationGrain>(enterpriseId).Get() is not { Kind: Words.OrganisationKind.Telecom or Words.OrganisationKind.Postal })
            return Problems.Invalid("enterpriseId", $"'{enterpriseId}' is not a telecom or postal enterprise", StatusCodes.Status422UnprocessableEntity);

        var districtId = flag?.DistrictId ?? views.Select(v => v.IndexDistrictId).OfType<string>().FirstOrDefault();
        var opening = new IncidentOpening(enterpriseId, districtId, subjects, flag?.Id, flag?.Kind, IncidentSubjects.PlaceOf(views), note);
        var result = await grains.Board().Open(id, opening, Refusals.ActorOf(context));
        if (result.Outcome == WriteOutcome.Conflict && result.View is { } already)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The flag '{flagId}' already has an open incident",
                detail: $"Incident '{already.Id}' is {already.State}.", extensions: new Dictionary<string, object?> { ["incidentId"] = already.Id });
        if (result.Outcome == WriteOutcome.AlreadyExists && result.View is { } held && !SameOpening(held, opening))
            return Problems.AlreadyExists(What, id);
        if (result.Outcome == WriteOutcome.AlreadyExists)
            result = result with { Outcome = WriteOutcome.Unchanged };
        return DirectiveAnswers.Written(context, result, What, id, $"/api/incidents/{id}", owner: enterpriseId);
    }

    /// <summary>An opening sent again (the same id for the same thing) is answered with the incident, not refused.</summary>
    private static bool SameOpening(IncidentView held, IncidentOpening opening) =>
        held.EnterpriseId == opening.EnterpriseId && held.FlagId == opening.FlagId && held.Subjects.SequenceEqual(opening.Subjects);

    private static async Task<Results<Ok<IncidentView>, Created<IncidentView>, ProblemHttpResult>> Step(string id, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<IncidentStepRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var to = check.Word("state", request.State, Words.IncidentState.All);
        if (to == Words.IncidentState.Open) check.Reject("state", "an incident is opened once; open another instead");
        var note = check.Text("note", request.Note, required: false);
        var crewId = check.Id("crewId", request.CrewId, required: false);
        var person = check.Text("person", request.Person, required: false);
        var phone = request.Phone is null ? null : ContactInput.Phone(check, "phone", request.Phone);
        if ((person is null) != (phone is null)) check.Reject(person is null ? "person" : "phone", "a person sent is named with a phone to reach them");
        if ((person is not null || crewId is not null) && to != Words.IncidentState.CrewDispatched) check.Reject("state", "a crew or a person is named when dispatching (crew_dispatched)");
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, id);
        var incidentGrain = grains.GetGrain<IIncidentGrain>(id);
        if (await incidentGrain.Get() is not { } current) return Problems.NotFound(What, id);
        IncidentAssignee? assignee = person is not null ? new(person, phone!, ShiftId: null, crewId) : null;
        if (crewId is not null)
        {
            // A crew sent is one of the enterprise's: named as it is, reached at its first member's phone unless told otherwise.
            if ((await grains.GetGrain<ICrewsGrain>(current.EnterpriseId).Crews()).FirstOrDefault(c => c.Id == crewId) is not { } crew)
                return Problems.Invalid("crewId", $"{current.EnterpriseId} has no crew '{crewId}'", StatusCodes.Status422UnprocessableEntity);
            assignee ??= new IncidentAssignee(crew.Name, crew.Members.FirstOrDefault()?.Phone ?? "", ShiftId: null, crewId);
        }
        var result = await incidentGrain.Move(new IncidentMove(to!, note, assignee), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, $"/api/incidents/{id}", owner: current.EnterpriseId,
            conflict: result.Outcome == WriteOutcome.Conflict ? Conflict(result.View!, to!) : null);
    }

    private static string Conflict(IncidentView incident, string to) =>
        IncidentRules.MayMove(incident.State, to)
            ? "Nobody to send: name a crew or a person, or staff the enterprise's emergency-response duty."
            : $"It is {incident.State}; from there it may go to {(IncidentRules.NextFrom(incident.State) is { Count: > 0 } next ? string.Join(", ", next) : "nothing: it is closed")}.";

    private static readonly Vocabulary EntityTypes = new("EntityType", [.. Contracts.Entities.EntityTable.All.Select(e => e.Type)]);
}
