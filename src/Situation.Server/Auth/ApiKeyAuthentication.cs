using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Situation.Contracts.Accounts;

namespace Situation.Server.Auth;

/// <summary>Authenticates an operator feed by its <c>X-Api-Key</c>: the key acts as an operator of its organisation.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var header))
            return AuthenticateResult.NoResult();
        // The key itself is never logged or echoed: only whether it was accepted.
        if (!ApiKeys.TryParse(header.ToString(), out var id, out var secretHash))
            return AuthenticateResult.Fail("The API key is malformed");
        var key = await grains.GetGrain<IApiKeyGrain>(id).Verify(secretHash);
        if (key is null)
            return AuthenticateResult.Fail("The API key is unknown or revoked");
        var caller = new Caller(key.Id, Roles.Operator, key.Organisation, IsApiKey: true);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(caller.ToIdentity(SchemeName)), SchemeName));
    }
}
