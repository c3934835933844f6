using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

/// <summary>Repair crews (clause 3.1c) and their members' daily health declarations (3.2c), each enterprise its own.</summary>
public static class CrewsApi
{
    private const string What = "crew";
    private const int MaxMembers = 20;

    public static void MapCrewsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/crews", List).WithTags("Incidents").WithName("ListCrews")
            .WithSummary("Repair crews with their members' last health declaration (an enterprise sees its own); filter by enterprise");
        var organisation = app.MapGroup("/api/organisations/{id}/crews").WithTags("Incidents");
        organisation.MapPut("/{crewId}", Save).Accepts<CrewRequest>("application/json").WithName("SaveCrew")
            .WithSummary("Add or replace a crew of the enterprise (its own accounts, or an administrator); members keep their declarations");
        organisation.MapPut("/{crewId}/members/{memberId}/declaration", Declare).Accepts<DeclarationRequest>("application/json").WithName("DeclareHealth")
            .WithSummary("A member made their health declaration for today (or a day of the last week)");
    }

    private static async Task<Results<Ok<ItemList<CrewView>>, ProblemHttpResult>> List(string? enterprise, HttpContext context, IGrainFactory grains, Check check)
    {
        check.Id("enterprise", enterprise, required: false);
        if (check.Problem is { } invalid) return invalid;
        var actor = Refusals.ActorOf(context);
        var enterprises = enterprise is not null ? [enterprise]
            : (await grains.Compliance().Organisations()).Where(o => o.Kind is Words.OrganisationKind.Telecom or Words.OrganisationKind.Postal).Select(o => o.Id);
        var crews = await Task.WhenAll(enterprises.Where(e => Audience.OfCrews(e).Admits(actor)).Select(e => grains.GetGrain<ICrewsGrain>(e).Crews()));
        return TypedResults.Ok(new ItemList<CrewView>(crews.SelectMany(c => c).OrderBy(c => c.EnterpriseId, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)));
    }

    private static async Task<Results<Ok<CrewView>, Created<CrewView>, ProblemHttpResult>> Save(string id, string crewId, HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<CrewRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        check.Id("crewId", crewId);
        var name = check.Text("name", request.Name);
        var plate = check.Text("vehiclePlate", request.VehiclePlate, required: false, maxLength: 20);
        if (request.Members is null or { Length: 0 }) check.Reject("members", "a crew has at least one member");
        else if (request.Members.Length > MaxMembers) check.Reject("members", $"at most {MaxMembers} members");
        var members = new List<CrewMemberDefinition>();
        foreach (var (member, i) in (request.Members ?? []).Select((m, i) => (m, i)))
        {
            var memberId = check.Id($"members[{i}].id", member?.Id);
            var memberName = check.Text($"members[{i}].name", member?.Name);
            var phone = ContactInput.Phone(check, $"members[{i}].phone", member?.Phone);
            if (memberId is not null && members.Any(m => m.Id == memberId)) check.Reject($"members[{i}].id", $"'{memberId}' is in the crew twice");
            if (memberId is not null && memberName is not null && phone is not null) members.Add(new(memberId, memberName, phone));
        }
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id) || await grains.GetGrain<IOrganisationGrain>(id).Get() is not { Kind: Words.OrganisationKind.Telecom or Words.OrganisationKind.Postal })
            return Problems.NotFound("enterprise", id);
        var result = await grains.GetGrain<ICrewsGrain>(id).Save(crewId, new CrewDefinition(name!, plate, [.. members]), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, crewId, $"/api/crews?enterprise={id}", owner: id);
    }

    private static async Task<Results<Ok<CrewView>, Created<CrewView>, ProblemHttpResult>> Declare(
        string id, string crewId, string memberId, HttpContext context, IGrainFactory grains, TimeProvider clock)
    {
        var body = await JsonBody.Read<DeclarationRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var today = LocalDay.Of(clock.GetUtcNow());
        var day = body.Value!.Day ?? today;
        if (day > today) return Problems.Invalid("day", "a declaration is not made for a day to come");
        if (day < today.AddDays(-7)) return Problems.Invalid("day", "a declaration older than a week is not taken");
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, crewId);
        var result = await grains.GetGrain<ICrewsGrain>(id).Declare(crewId, memberId, day, Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, result.Outcome == WriteOutcome.NotFound ? "crew member" : What, result.Outcome == WriteOutcome.NotFound ? $"{crewId}/{memberId}" : crewId, "", owner: id);
    }
}
