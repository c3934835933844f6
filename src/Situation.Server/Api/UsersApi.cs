using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Auth;
using Situation.Server.Geography;

namespace Situation.Server.Api;

/// <summary>An admin creates, disables and re-scopes accounts.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization(AuthSetup.AdminPolicy);

        users.MapGet("/", ListUsers).WithName("ListUsers").WithSummary("Every account, without passwords");
        users.MapPost("/", CreateUser)
            .Accepts<UserRequest>("application/json")
            .AnswersConflict("An account with that name exists already.").WithName("CreateUser").WithSummary("Create an account with a role and, for district and operator, a scope");
        users.MapPatch("/{username}", ChangeUser)
            .Accepts<UserPatchRequest>("application/json")
            .WithName("ChangeUser").WithSummary("Re-scope, rename, disable or enable an account, or set a new password");
    }

    private static async Task<Ok<ItemList<UserView>>> ListUsers(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).Users();
        var accounts = await Task.WhenAll(names.Select(n => grains.GetGrain<IUserGrain>(n).Get()));
        return TypedResults.Ok(new ItemList<UserView>(accounts.OfType<UserAccount>().Select(a => a.ToView())));
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateUser(
        HttpContext context, IGrainFactory grains, Passwords passwords, Check check, ProvinceGeography geography)
    {
        var body = await JsonBody.Read<UserRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var username = check.Id("username", request.Username);
        var role = check.Word("role", request.Role, Words.Role);
        var displayName = check.Text("displayName", request.DisplayName, required: false);
        var password = CheckPassword(check, request.Password, required: true);
        var scope = CheckScope(check, geography, role, request.Scope, required: true);
        if (check.Problem is { } invalid) return invalid;

        var account = new UserAccount { Username = username!, Role = role!, Scope = scope, DisplayName = displayName, PasswordHash = passwords.Hash(password!) };
        var created = await grains.GetGrain<IUserGrain>(username!).Create(account, Caller.Of(context.User)!.Actor);
        return created is null ? Problems.AlreadyExists("user", username!) : TypedResults.Created($"/api/users/{username}", created.ToView());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> ChangeUser(
        string username, HttpContext context, IGrainFactory grains, Passwords passwords, Check check, ProvinceGeography geography)
    {
        var body = await JsonBody.Read<UserPatchRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var role = check.Word("role", request.Role, Words.Role, required: false);
        var displayName = check.Text("displayName", request.DisplayName, required: false);
        var password = CheckPassword(check, request.Password, required: false);
        if (check.Problem is { } malformed) return malformed;
        if (!EntityId.IsValid(username)) return Problems.NotFound("user", username);
        var user = grains.GetGrain<IUserGrain>(username);
        if (await user.Get() is not { } current) return Problems.NotFound("user", username);

        var newRole = role ?? current.Role;
        var scope = CheckScope(check, geography, newRole, request.Scope ?? (role is null || Roles.IsScoped(newRole) || Roles.MayBeScoped(newRole) ? current.Scope : null), required: true);
        if (check.Problem is { } invalid) return invalid;
        var caller = Caller.Of(context.User)!;
        if (username == caller.Name && (request.Disabled == true || newRole != Roles.Admin))
            return Problems.Invalid("role", "an administrator cannot disable or demote the account they are signed in with", StatusCodes.Status422UnprocessableEntity);
        var change = new UserChange(displayName, role, scope, request.Disabled, password is null ? null : passwords.Hash(password), ClearScope: scope is null);
        var changed = await user.Change(change, caller.Actor);
        return TypedResults.Ok(changed!.ToView());
    }

    private static string? CheckPassword(Check check, string? password, bool required)
    {
        if (password is null)
        {
            if (required) check.Reject("password", "is required");
            return null;
        }
        if (password.Length < Passwords.MinimumLength || password.Length > 200)
            check.Reject("password", $"must have {Passwords.MinimumLength} to 200 characters");
        return password;
    }

    /// <summary>A district account names a district that exists; an operator or agency account an organisation id; a checkpoint officer's its checkpoints; a utility may; the others nothing.</summary>
    private static string? CheckScope(Check check, ProvinceGeography geography, string? role, string? scope, bool required)
    {
        if (role is null) return null;
        if (Roles.MayBeScoped(role))
            return check.Id("scope", scope, required: false);
        if (!Roles.IsScoped(role))
        {
            if (scope is not null) check.Reject("scope", $"a {role} account has no scope");
            return null;
        }
        if (role == Roles.Checkpoint)
        {
            // An officer may work at several checkpoints: their ids, or district:<code> for all of a
            // district's, those it sets up later included; separated by commas.
            var entries = scope?.Split(',', StringSplitOptions.TrimEntries) ?? [];
            var districts = entries.Where(e => e.StartsWith(WriteGate.EveryCheckpointOf, StringComparison.Ordinal)).ToArray();
            foreach (var district in districts.Select(d => d[WriteGate.EveryCheckpointOf.Length..]).Where(d => !geography.HasDistrict(d)))
                check.Reject("scope", $"there is no district '{district}'");
            var checkpoints = check.Ids("scope", [.. entries.Except(districts)]);
            if (required && checkpoints.Length + districts.Length == 0) check.Reject("scope", "name the checkpoints (ids, or district:<code> for all of a district's, separated by commas)");
            return checkpoints.Length + districts.Length == 0 ? null : string.Join(',', districts.Concat(checkpoints));
        }
        var id = check.Id("scope", scope, required);
        if (id is not null && role == Roles.District && !geography.HasDistrict(id))
            check.Reject("scope", $"there is no district '{id}'");
        return id;
    }
}
