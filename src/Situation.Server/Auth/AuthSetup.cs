using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Situation.Contracts.Accounts;
using Situation.Server.Hosting;

namespace Situation.Server.Auth;

/// <summary>
/// Who may call at all: people with a bearer token from <c>POST /api/auth/login</c> (also as the
/// <c>access_token</c> query of the hub, which browsers cannot give headers), operator feeds with
/// an <c>X-Api-Key</c>. Everything but sign-in, health, the API description and the web app needs one.
/// What each caller may change is decided by <see cref="Contracts.Accounts.WriteGate"/>, applied by the grain a write reaches.
/// </summary>
public static class AuthSetup
{
    private const string Either = "BearerOrApiKey";
    public const string LeadersPolicy = "leaders";
    public const string AdminPolicy = "admin";
    public const string KeyIssuersPolicy = "key-issuers";

    public static void AddSituationAuth(this WebApplicationBuilder builder, SituationOptions options)
    {
        var dataDir = Path.GetFullPath(options.DataDir, builder.Environment.ContentRootPath);
        var signingKey = SigningKey.Resolve(options, dataDir);
        builder.Services.AddSingleton(signingKey);
        builder.Services.AddSingleton<Tokens>();
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton<AccountSeeder>();
        builder.Services.AddSingleton(services => new SignInThrottle(services.GetRequiredService<TimeProvider>(), options.Auth.SignIn));

        builder.Services.AddAuthentication(Either)
            .AddPolicyScheme(Either, Either, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeys.Header) ? ApiKeyAuthentication.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = Tokens.ValidationParameters(signingKey);
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        var request = context.HttpContext.Request;
                        // WebSockets and server-sent events from a browser cannot carry headers.
                        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } token)
                            context.Token = token;
                        else if (request.Path.StartsWithSegments("/dashboard"))
                            context.Token = DashboardCookie.TokenFor(context.HttpContext);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        await CheckAccountStillValid(context);
                        if (context.Result is null)
                            DashboardCookie.KeepIfGiven(context.HttpContext, Caller.Of(context.Principal!));
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(LeadersPolicy, p => p.RequireClaim(Caller.RoleClaim, Roles.Leader, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireClaim(Caller.RoleClaim, Roles.Admin))
            // A key never issues keys: a leaked feed key must not be able to mint more.
            .AddPolicy(KeyIssuersPolicy, p => p.RequireClaim(Caller.RoleClaim, Roles.Admin, Roles.Operator).RequireClaim(Caller.KindClaim, "user"));
    }

    /// <summary>
    /// A token is only as good as the account behind it right now: disabled accounts and tokens from
    /// before a password change are refused, and role and scope are the account's current ones, so an
    /// admin's re-scoping takes effect at the next request.
    /// </summary>
    private static async Task CheckAccountStillValid(TokenValidatedContext context)
    {
        var name = context.Principal?.FindFirstValue(Caller.NameClaim);
        var generation = context.Principal?.FindFirstValue(Caller.GenerationClaim);
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var account = name is null ? null : await grains.GetGrain<IUserGrain>(name).Get();
        if (account is null || account.Disabled || generation != account.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            context.Fail("The account is disabled or the token was issued before its password changed");
            return;
        }
        var caller = new Caller(account.Username, account.Role, account.Scope, IsApiKey: false) { Generation = account.Generation };
        context.Principal = new ClaimsPrincipal(caller.ToIdentity(JwtBearerDefaults.AuthenticationScheme));
    }
}
