using Situation.Contracts.Accounts;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Auth;

namespace Situation.Server.Api;

/// <summary>API keys for operator feeds: issued by an admin or by the operator itself, shown once, revocable.</summary>
public static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Accounts").RequireAuthorization(AuthSetup.KeyIssuersPolicy);

        keys.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
            {
                var caller = Caller.Of(context.User)!;
                var ids = await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).Keys();
                var all = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).Get()));
                return Results.Json(new { items = all.OfType<ApiKeyView>().Where(k => caller.Role == Roles.Admin || k.Organisation == caller.Scope) }, ApiJson.Options);
            })
            .WithName("ListKeys").WithSummary("API keys (an operator sees its own organisation's), never their secrets");

        keys.MapPost("/", async (HttpContext context, IGrainFactory grains, Check check) =>
            {
                var body = await JsonBody.Read<ApiKeyRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var caller = Caller.Of(context.User)!;
                var organisation = check.Id("organisation", body.Value!.Organisation ?? (caller.Role == Roles.Operator ? caller.Scope : null));
                var name = check.Text("name", body.Value.Name);
                if (check.Problem is { } invalid) return invalid;
                if (caller.Role != Roles.Admin && organisation != caller.Scope)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                        detail: $"An operator issues keys for its own organisation ('{caller.Scope}') only.");

                var (id, key, secretHash) = ApiKeys.Create();
                var issued = await grains.GetGrain<IApiKeyGrain>(id).Issue(
                    new ApiKeyRecord { Id = id, Organisation = organisation!, Name = name!, SecretHash = secretHash, CreatedBy = caller.Actor.Name }, caller.Actor);
                if (issued is null)
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Key id collision", detail: "Try again.");
                // The only time the key is shown: it is stored as a hash.
                return Results.Json(new { key, issued.Id, issued.Organisation, issued.Name, issued.CreatedAt, issued.CreatedBy }, ApiJson.Options,
                    statusCode: StatusCodes.Status201Created);
            })
            .Accepts<ApiKeyRequest>("application/json")
            .WithName("IssueKey").WithSummary("Issue an API key bound to one organisation; the key is in this answer only");

        keys.MapDelete("/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
            {
                var caller = Caller.Of(context.User)!;
                if (!ApiKeys.IsId(id))
                    return Problems.NotFound("API key", id);
                var grain = grains.GetGrain<IApiKeyGrain>(id);
                if (await grain.Get() is not { } key)
                    return Problems.NotFound("API key", id);
                if (caller.Role != Roles.Admin && key.Organisation != caller.Scope)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                        detail: $"This key belongs to '{key.Organisation}'.");
                return Results.Json(await grain.Revoke(caller.Actor), ApiJson.Options);
            })
            .WithName("RevokeKey").WithSummary("Revoke an API key: it stops working at once, on every node");
    }
}
