using Microsoft.Extensions.Options;
using Situation.Contracts.Accounts;
using Situation.Contracts.Model;
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

        auth.MapPost("/login", async (HttpContext context, IGrainFactory grains, Passwords passwords, Tokens tokens, SignInThrottle throttle, IOptions<SituationOptions> options) =>
            {
                var body = await JsonBody.Read<LoginRequest>(context);
                if (body.Problem is not null) return body.Problem;
                if (string.IsNullOrEmpty(body.Value!.Username) || string.IsNullOrEmpty(body.Value.Password))
                    return Problems.Invalid("username", "give username and password");
                var (username, password) = (body.Value.Username, body.Value.Password);
                var address = context.Connection.RemoteIpAddress;
                if (throttle.TryAttempt(username, address) is { } wait)
                    return new WaitResult(wait.Wait, wait.Reason);
                // A name no account could have touches no grain; it is answered as any wrong name is.
                var account = EntityId.IsValid(username) ? await grains.GetGrain<IUserGrain>(username).Get() : null;
                // Verified even for unknown names (against a decoy), so the answer's timing does not tell which names exist.
                if (!passwords.Verify(account?.PasswordHash, password))
                    return WrongCredentials();
                throttle.Succeeded(username, address);
                if (account!.Disabled)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The account is disabled", detail: "Ask an administrator to enable it.");
                var (token, expiresAt) = tokens.Issue(account, options.Value.Auth.TokenLifetime);
                return Results.Json(new { token, expiresAt, user = account.ToView() }, ApiJson.Options);
            })
            .AllowAnonymous()
            .WithMetadata(new SignInLimit())
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
        title: "Wrong user name or password", detail: "Check both and try again; after a few wrong tries each next one has to wait a little longer.");

    /// <summary>429 with Retry-After: too many wrong passwords; the wait grows with each.</summary>
    private sealed class WaitResult(TimeSpan wait, string reason) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return RateLimits.TooManyRequests(context, seconds, reason,
                $"Wait {seconds} s, then try again. Each wrong password makes the next wait longer; a quiet quarter of an hour starts afresh.");
        }
    }
}
