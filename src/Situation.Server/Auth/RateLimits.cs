using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Situation.Server.Hosting;

namespace Situation.Server.Auth;

/// <summary>
/// Per-caller request limits (ASP.NET Core's rate limiter): a token bucket for each person and each
/// API key, a stricter window per address for sign-in (a flood guard; guessing is slowed by
/// <see cref="SignInThrottle"/>). Health checks are never limited. A refused request gets 429 with
/// Retry-After. The address is the caller's as a trusted proxy forwards it (<see cref="Hosting.TrustedProxies"/>).
/// Limits hold per node; a cluster multiplies them by its nodes.
/// </summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static void AddSituationRateLimits(this IServiceCollection services, LimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/healthz"))
                    return RateLimitPartition.GetNoLimiter("health");
                var caller = Caller.Of(context.User);
                var partition = caller is null ? "address:" + context.Connection.RemoteIpAddress : (caller.IsApiKey ? "key:" : "user:") + caller.Name;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, limits.Burst),
                    TokensPerPeriod = Math.Max(1, limits.RequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "sign-in:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.SignInsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var signingIn = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInPolicy;
                await (signingIn
                    ? TooManyRequests(rejected.HttpContext, seconds, "Too many sign-ins from this address",
                        $"More than {limits.SignInsPerMinute} sign-in attempts came from your address within a minute; try again in {seconds} s.", cancellationToken)
                    : TooManyRequests(rejected.HttpContext, seconds, "Too many requests",
                        $"You are sending requests faster than the {limits.RequestsPerSecond} a second each person or key may send; try again in {seconds} s.", cancellationToken));
            };
        });
    }

    /// <summary>429 with Retry-After and a problem body; also the answer to a locked account.</summary>
    public static async Task TooManyRequests(HttpContext context, int retryAfterSeconds, string title, string detail, CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail).ExecuteAsync(context);
    }
}
