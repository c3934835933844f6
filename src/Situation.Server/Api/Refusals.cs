using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Contracts.Model;
using Situation.Server.Auth;

namespace Situation.Server.Api;

/// <summary>
/// The HTTP side of permissions: who the caller acts as (<see cref="ActorOf"/>, carried to the
/// grain, which applies <see cref="WriteGate"/> in the turn that writes) and how a refusal is
/// answered — 401 without a caller, 403 problem+json naming who may not do what, nothing written.
/// </summary>
public static class Refusals
{
    /// <summary>An actor no rule allows anything: what a request without a caller would act as (the fallback policy answers 401 first).</summary>
    private static readonly Actor Nobody = new("anonymous", Role: "");

    public static Actor ActorOf(HttpContext context) => Caller.Of(context.User)?.Actor ?? Nobody;

    /// <summary>For writes decided here rather than in an entity grain (flag acknowledgements): a refusal, or null.</summary>
    public static ProblemHttpResult? Refuse(HttpContext context, WriteTarget target, out Actor actor)
    {
        var caller = Caller.Of(context.User);
        actor = caller?.Actor ?? Nobody;
        if (caller is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first");
        return WriteGate.Allows(actor, target) ? null : Forbidden(context, target.EntityType, target.Owner, target.FlagKind);
    }

    public static ProblemHttpResult Forbidden(HttpContext context, string entityType, string? owner, string? flagKind = null)
    {
        var what = entityType == WriteGate.FlagType ? $"acknowledge this {flagKind ?? "flag"}" : $"change this {entityType}";
        return Forbidden(context, $"{what}{(owner is null ? "" : $" (it belongs to '{owner}')")}");
    }

    /// <summary>403 problem+json: the caller, named as it signed in, may not do <paramref name="what"/>.</summary>
    public static ProblemHttpResult Forbidden(HttpContext context, string what)
    {
        if (Caller.Of(context.User) is not { } caller)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first");
        var who = caller.IsApiKey ? $"API key {caller.Name} of '{caller.Scope}'" : $"'{caller.Name}' ({caller.Role}{(caller.Scope is null ? "" : " of " + caller.Scope)})";
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: $"{who} may not {what}.");
    }
}
