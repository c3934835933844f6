using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Contracts.Directives;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Auth;
using Situation.Server.Geography;

namespace Situation.Server.Api;

/// <summary>The people (user names) and API keys (ids) that act for an organisation.</summary>
public sealed record OrganisationAccounts(string[] Users, string[] Keys);

/// <summary>The addressees of the directives, and the contact point each names for the DIC.</summary>
public static class OrganisationsApi
{
    private const string What = "organisation";

    public static void MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organisations").WithTags("Directives");

        api.MapGet("/", List).WithName("ListOrganisations").WithSummary("The addressees of the directives with their kind and contact point; filter by kind and district");
        api.MapGet("/{id}", Get).WithName("GetOrganisation").WithSummary("One organisation");
        api.MapGet("/{id}/accounts", Accounts).RequireAuthorization(AuthSetup.AdminPolicy)
            .WithName("OrganisationAccounts").WithSummary("The accounts and live API keys that act for the organisation (administrators)");
        api.MapPut("/{id}", Register)
            .Accepts<OrganisationRequest>("application/json")
            .WithName("RegisterOrganisation").WithSummary("Create or rename an organisation (administrators)");
        api.MapPut("/{id}/contact-point", SetContactPoint)
            .Accepts<ContactPointRequest>("application/json")
            .WithName("SetContactPoint").WithSummary("The organisation names its contact point for the DIC (its own accounts, or an administrator)");
    }

    private static async Task<Results<Ok<ItemList<OrganisationView>>, ProblemHttpResult>> List(
        [Words("OrganisationKind")] string? kind, string? district, IGrainFactory grains, Check check)
    {
        check.Word("kind", kind, Words.OrganisationKind.All, required: false);
        check.Id("district", district, required: false);
        if (check.Problem is { } invalid) return invalid;
        var all = await grains.Compliance().Organisations();
        return TypedResults.Ok(new ItemList<OrganisationView>(all.Where(o => (kind is null || o.Kind == kind) && (district is null || o.DistrictId == district))));
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        EntityId.IsValid(id) && await grains.GetGrain<IOrganisationGrain>(id).Get() is { } organisation
            ? TypedResults.Ok(organisation)
            : Problems.NotFound(What, id);

    /// <summary>Who acts for an organisation: the people whose role and scope name it, and its operator's live keys.</summary>
    private static async Task<Results<Ok<OrganisationAccounts>, ProblemHttpResult>> Accounts(string id, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id) || await grains.GetGrain<IOrganisationGrain>(id).Get() is null) return Problems.NotFound(What, id);
        var directory = grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key);
        var users = await Task.WhenAll((await directory.Users()).Select(n => grains.GetGrain<IUserGrain>(n).Get()));
        var keys = await Task.WhenAll((await directory.Keys()).Select(k => grains.GetGrain<IApiKeyGrain>(k).Get()));
        return TypedResults.Ok(new OrganisationAccounts(
            [.. users.OfType<UserAccount>().Where(u => !u.Disabled && WriteGate.OrganisationOf(new Actor(u.Username, u.Role, u.Scope)) == id).Select(u => u.Username).Order(StringComparer.Ordinal)],
            [.. keys.OfType<ApiKeyView>().Where(k => k.RevokedAt is null && k.Organisation == id).Select(k => k.Id).Order(StringComparer.Ordinal)]));
    }

    private static async Task<Results<Ok<OrganisationView>, Created<OrganisationView>, ProblemHttpResult>> Register(
        string id, HttpContext context, IGrainFactory grains, Check check, ProvinceGeography geography)
    {
        var body = await JsonBody.Read<OrganisationRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var name = check.Text("name", request.Name);
        var kind = check.Word("kind", request.Kind, Words.OrganisationKind.All);
        var districtId = check.Id("districtId", request.DistrictId, required: kind == Words.OrganisationKind.District);
        if (kind is not null && kind != Words.OrganisationKind.District && districtId is not null)
            check.Reject("districtId", "only a district committee has a district");
        if (check.Problem is { } malformed) return malformed;
        if (districtId is not null && !geography.HasDistrict(districtId))
            return Problems.Invalid("districtId", $"there is no district '{districtId}'", StatusCodes.Status422UnprocessableEntity);
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, id);
        var result = await grains.GetGrain<IOrganisationGrain>(id).Register(new OrganisationRegistration(name!, kind!, districtId), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, $"/api/organisations/{id}");
    }

    private static async Task<Results<Ok<OrganisationView>, Created<OrganisationView>, ProblemHttpResult>> SetContactPoint(
        string id, HttpContext context, IGrainFactory grains, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<ContactPointRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var name = check.Text("name", request.Name);
        var position = check.Text("position", request.Position);
        var phone = ContactInput.Phone(check, "phone", request.Phone);
        var email = ContactInput.Email(check, "email", request.Email);
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound(What, id);
        var submittedAt = await grains.Compliance().Now();
        var result = await grains.GetGrain<IOrganisationGrain>(id).SetContactPoint(new ContactPoint(name!, position!, phone!, email, submittedAt), Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, id, $"/api/organisations/{id}", owner: id);
    }
}
