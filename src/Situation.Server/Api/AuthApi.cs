using Microsoft.Extensions.Options;
using Situation.Contracts.Accounts;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Auth;
using Situation.Server.Hosting;

namespace Situation.Server.Api;

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");

        auth.MapPost("/login", async (HttpContext context, IGrainFactory grains, Passwords passwords, Tokens tokens, TimeProvider clock, IOptions<SituationOptions> options) =>
            {
                var body = await JsonBody.Read<LoginRequest>(context);
                if (body.Problem is not null) return body.Problem;
                if (string.IsNullOrEmpty(body.Value!.Username) || string.IsNullOrEmpty(body.Value.Password))
                    return Problems.Invalid("username", "give username and password");
                var settings = options.Value.Auth;
                var user = grains.GetGrain<IUserGrain>(body.Value.Username);
                var account = await user.Get();
                if (account?.LockedUntil is { } locked && locked > clock.GetUtcNow())
                    return Locked(locked, clock);
                // Verified even for unknown names (against a decoy), so the answer's timing does not tell which names exist.
                var valid = passwords.Verify(account?.PasswordHash, body.Value.Password);
                if (account is null)
                    return WrongCredentials();
                var lockedNow = await user.RecordSignIn(valid, new LockoutPolicy(settings.MaxFailedSignIns, settings.LockoutDuration));
                if (!valid)
                    return lockedNow is { } until ? Locked(until, clock) : WrongCredentials();
                if (account.Disabled)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The account is disabled", detail: "Ask an administrator to enable it.");
                var (token, expiresAt) = tokens.Issue(account, settings.TokenLifetime);
                return Results.Json(new { token, expiresAt, user = account.ToView() }, ApiJson.Options);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignInPolicy)
            .Accepts<LoginRequest>("application/json")
            .WithName("Login").WithSummary("Sign in: a bearer token that expires, and the account it belongs to");

        auth.MapGet("/me", async (HttpContext context, IGrainFactory grains) =>
            {
                var caller = Caller.Of(context.User)!;
                if (caller.IsApiKey)
                    return Results.Json(new { apiKey = await grains.GetGrain<IApiKeyGrain>(caller.Name).Get(), role = caller.Role, scope = caller.Scope }, ApiJson.Options);
                return Results.Json((await grains.GetGrain<IUserGrain>(caller.Name).Get())!.ToView(), ApiJson.Options);
            })
            .WithName("Me").WithSummary("The account (or API key) the request is made with");
    }

    private static IResult WrongCredentials() => Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Wrong user name or password", detail: "Check both and try again; repeated failures lock the account for a while.");

    private static IResult Locked(DateTimeOffset until, TimeProvider clock)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        return new LockedResult(seconds, until);
    }

    /// <summary>429 with Retry-After: the account is locked after too many failed sign-ins.</summary>
    private sealed class LockedResult(int seconds, DateTimeOffset until) : IResult
    {
        public Task ExecuteAsync(HttpContext context) => RateLimits.TooManyRequests(context, seconds, "The account is locked",
            $"Too many failed sign-ins; it opens again at {until:u}, or when an administrator sets a new password.");
    }
}
