using System.Globalization;
using Microsoft.Extensions.Options;
using Situation.Grains.Telemetry;
using Situation.Server.Hosting;

namespace Situation.Server.Auth;

/// <summary>
/// Per-caller request limits: a token bucket for each person and each API key (each address before
/// sign-in), a stricter one per address for sign-in (a flood guard; guessing is slowed by
/// <see cref="SignInThrottle"/>). Health checks are never limited. A refused request gets 429 with
/// Retry-After. The address is the caller's as a trusted proxy forwards it (<see cref="Hosting.TrustedProxies"/>).
/// Limits hold per node; a cluster multiplies them by its nodes.
/// </summary>
public sealed class RateLimits(IOptions<SituationOptions> options, TimeProvider clock) : IMiddleware
{
    private readonly LimitOptions _limits = options.Value.Limits;

    private readonly TokenBuckets _callers = new(Math.Max(1, options.Value.Limits.RequestsPerSecond), Math.Max(1, options.Value.Limits.Burst), clock);

    private readonly TokenBuckets _signIns = new(Math.Max(1, options.Value.Limits.SignInsPerMinute) / 60.0, Math.Max(1, options.Value.Limits.SignInsPerMinute), clock);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/healthz"))
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        var caller = Caller.Of(context.User);
        var partition = caller is null ? "address:" + address : (caller.IsApiKey ? "key:" : "user:") + caller.Name;
        if (!_callers.TryTake(partition, out var wait))
        {
            await Refuse(context, wait, "Too many requests",
                $"You are sending requests faster than the {_limits.RequestsPerSecond} a second each person or key may send; try again in {Seconds(wait)} s.");
            return;
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<SignInLimit>() is not null && !_signIns.TryTake(address, out wait))
        {
            await Refuse(context, wait, "Too many sign-ins from this address",
                $"More than {_limits.SignInsPerMinute} sign-in attempts came from your address within a minute; try again in {Seconds(wait)} s.");
            return;
        }
        await next(context);
    }

    private static Task Refuse(HttpContext context, TimeSpan wait, string title, string detail)
    {
        SituationMetrics.RequestsLimited.Add(1);
        return TooManyRequests(context, Seconds(wait), title, detail, context.RequestAborted);
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>429 with Retry-After and a problem body; also the answer to a locked account.</summary>
    public static async Task TooManyRequests(HttpContext context, int retryAfterSeconds, string title, string detail, CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail).ExecuteAsync(context);
    }
}

/// <summary>Marks the sign-in endpoint: it also counts against its address's sign-in bucket.</summary>
public sealed class SignInLimit;
