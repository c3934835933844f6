using Situation.Contracts.Accounts;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Auth;

namespace Situation.Server.Api;

/// <summary>
/// What a write touches, as far as permission is concerned: the district or organisation it will
/// belong to and, for an existing entity, the one it belongs to now. A caller must own both, so
/// nobody can take an entity out of another's hands or push one into them.
/// </summary>
public sealed record WriteTarget(
    string EntityType,
    string? DistrictId = null,
    string? Operator = null,
    string? WasDistrictId = null,
    string? WasOperator = null,
    string? FlagKind = null);

/// <summary>
/// The one place every write passes before it reaches a grain (SPEC §1): a district committee
/// changes only its district's level, zones and checkpoints; an operator (person or API key) only
/// its own sites, offices and routes, their reports, and the wifi it provides at checkpoints; a
/// leader acknowledges flags, a utility only power-priority ones; an admin may change anything.
/// A refusal is 403 problem+json and nothing is written.
/// </summary>
public sealed class WriteGate
{
    public IResult? Refuse(HttpContext context, WriteTarget target, out Actor actor)
    {
        var caller = Caller.Of(context.User);
        actor = caller?.Actor ?? Actor.System;
        if (caller is null)
            // The fallback policy already answers 401 before any handler runs; this is the backstop.
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first");
        return Allows(caller, target) ? null : Forbidden(caller, target);
    }

    public static bool Allows(Caller caller, WriteTarget target) => caller.Role switch
    {
        Roles.Admin => true,
        Roles.Leader => target.EntityType == "flag",
        Roles.Utility => target is { EntityType: "flag", FlagKind: FlagKind.PowerCritical },
        Roles.District => target.EntityType is EntityType.District or EntityType.Zone or EntityType.Checkpoint
                          && Owns(caller.Scope, target.DistrictId, target.WasDistrictId),
        Roles.Operator => target.EntityType is EntityType.Site or EntityType.Office or EntityType.Route or EntityType.Checkpoint
                          && Owns(caller.Scope, target.Operator, target.WasOperator),
        _ => false,
    };

    /// <summary>The caller's scope is the entity's owner after the write, and before it if it had one.</summary>
    private static bool Owns(string? scope, string? owner, string? previousOwner) =>
        scope is not null && owner == scope && (previousOwner is null || previousOwner == scope);

    private static IResult Forbidden(Caller caller, WriteTarget target)
    {
        var who = caller.IsApiKey ? $"API key {caller.Name} of '{caller.Scope}'" : $"'{caller.Name}' ({caller.Role}{(caller.Scope is null ? "" : " of " + caller.Scope)})";
        var what = target.EntityType == "flag" ? $"acknowledge this {target.FlagKind ?? "flag"}" : $"change this {target.EntityType}";
        var owner = target.WasDistrictId ?? target.DistrictId ?? target.WasOperator ?? target.Operator;
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: $"{who} may not {what}{(owner is null ? "" : $" (it belongs to '{owner}')")}.");
    }
}
