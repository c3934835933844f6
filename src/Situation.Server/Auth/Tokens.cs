using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Situation.Contracts.Accounts;

namespace Situation.Server.Auth;

/// <summary>Issues the bearer tokens of <c>POST /api/auth/login</c>: signed JWTs that expire.</summary>
public sealed class Tokens(SigningKey key, TimeProvider clock)
{
    public const string Issuer = "situation";
    public const string Audience = "situation";

    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(UserAccount account, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>
        {
            [Caller.NameClaim] = account.Username,
            [Caller.RoleClaim] = account.Role,
            [Caller.KindClaim] = "user",
            [Caller.GenerationClaim] = account.Generation,
        };
        if (account.Scope is not null)
            claims[Caller.ScopeClaim] = account.Scope;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>How the bearer handler checks what <see cref="Issue"/> made.</summary>
    public static TokenValidationParameters ValidationParameters(SigningKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = Caller.NameClaim,
        RoleClaimType = Caller.RoleClaim,
        // Clocks of the nodes of one cluster agree closely; an expired token should stop working promptly.
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
