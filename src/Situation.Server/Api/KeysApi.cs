using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Server.Api.Input;
using Situation.Server.Auth;

namespace Situation.Server.Api;

/// <summary>A key just issued: the only answer that carries the key itself, since only its hash is stored.</summary>
public sealed record IssuedApiKey(string Key, string Id, string Organisation, string Name, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>API keys for operator feeds: issued by an admin or by the operator itself, shown once, revocable.</summary>
public static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Accounts").RequireAuthorization(AuthSetup.KeyIssuersPolicy);

        keys.MapGet("/", ListKeys).WithName("ListKeys").WithSummary("API keys (an operator sees its own organisation's), never their secrets");
        keys.MapPost("/", IssueKey)
            .Accepts<ApiKeyRequest>("application/json")
            .AnswersConflict("A new key's id happened to be taken: send again.").WithName("IssueKey").WithSummary("Issue an API key bound to one organisation; the key is in this answer only");
        keys.MapDelete("/{id}", RevokeKey).WithName("RevokeKey").WithSummary("Revoke an API key: it stops working at once, on every node");
    }

    private static async Task<Ok<ItemList<ApiKeyView>>> ListKeys(HttpContext context, IGrainFactory grains)
    {
        var caller = Caller.Of(context.User)!;
        var ids = await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).Keys();
        var all = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).Get()));
        return TypedResults.Ok(new ItemList<ApiKeyView>(all.OfType<ApiKeyView>().Where(k => caller.Role == Roles.Admin || k.Organisation == caller.Scope)));
    }

    private static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueKey(HttpContext context, IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<ApiKeyRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var caller = Caller.Of(context.User)!;
        var organisation = check.Id("organisation", body.Value!.Organisation ?? (caller.Role == Roles.Operator ? caller.Scope : null));
        var name = check.Text("name", body.Value.Name);
        if (check.Problem is { } invalid) return invalid;
        if (caller.Role != Roles.Admin && organisation != caller.Scope)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"An operator issues keys for its own organisation ('{caller.Scope}') only.");

        var (id, key, secretHash) = ApiKeys.Create();
        var issued = await grains.GetGrain<IApiKeyGrain>(id).Issue(
            new ApiKeyRecord { Id = id, Organisation = organisation!, Name = name!, SecretHash = secretHash, CreatedBy = caller.Actor.Name }, caller.Actor);
        if (issued is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Key id collision", detail: "Try again.");
        return TypedResults.Created($"/api/keys/{issued.Id}",
            new IssuedApiKey(key, issued.Id, issued.Organisation, issued.Name, issued.CreatedAt, issued.CreatedBy));
    }

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeKey(string id, HttpContext context, IGrainFactory grains)
    {
        var caller = Caller.Of(context.User)!;
        if (!ApiKeys.IsId(id))
            return Problems.NotFound("API key", id);
        var grain = grains.GetGrain<IApiKeyGrain>(id);
        if (await grain.Get() is not { } key)
            return Problems.NotFound("API key", id);
        if (caller.Role != Roles.Admin && key.Organisation != caller.Scope)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"This key belongs to '{key.Organisation}'.");
        return TypedResults.Ok((await grain.Revoke(caller.Actor))!);
    }
}
