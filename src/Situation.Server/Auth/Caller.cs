using System.Security.Claims;
using Situation.Contracts.Model;

namespace Situation.Server.Auth;

/// <summary>Who is calling, as every permission check sees it: a person's account or an operator's API key.</summary>
public sealed record Caller(string Name, string Role, string? Scope, bool IsApiKey)
{
    /// <summary>A person's password generation when the token was issued: a new password ends the token.</summary>
    public int? Generation { get; init; }

    public const string NameClaim = "sub";
    public const string RoleClaim = "role";
    public const string ScopeClaim = "scope";
    public const string KindClaim = "kind";
    public const string GenerationClaim = "gen";

    /// <summary>
    /// The caller as grains see it: named as the audit trail and <c>updatedBy</c> name it (the user
    /// name, or <c>key:&lt;id&gt;</c>), with the role and scope its writes are judged by.
    /// </summary>
    public Actor Actor => new(IsApiKey ? $"key:{Name}" : Name, Role, Scope);

    public static Caller? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(NameClaim) is not { } name || user.FindFirstValue(RoleClaim) is not { } role)
            return null;
        return new Caller(name, role, user.FindFirstValue(ScopeClaim), user.FindFirstValue(KindClaim) == "key")
        {
            Generation = int.TryParse(user.FindFirstValue(GenerationClaim), System.Globalization.CultureInfo.InvariantCulture, out var generation) ? generation : null,
        };
    }

    public ClaimsIdentity ToIdentity(string authenticationType)
    {
        var claims = new List<Claim> { new(NameClaim, Name), new(RoleClaim, Role), new(KindClaim, IsApiKey ? "key" : "user") };
        if (Scope is not null)
            claims.Add(new Claim(ScopeClaim, Scope));
        if (Generation is { } generation)
            claims.Add(new Claim(GenerationClaim, generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsIdentity(claims, authenticationType, NameClaim, RoleClaim);
    }
}
