using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Situation.Contracts.Grains;
using Situation.Grains.Telemetry;

namespace Situation.Server.Hosting;

/// <summary>
/// A node that cannot store does not accept: while the database is away every write is answered
/// 503 with Retry-After before it reaches a grain, and a write that fails on the way because the
/// database (or the silo hosting the grain) just went away gets the same answer instead of a 500.
/// Either way nothing was acknowledged, so nothing acknowledged is lost.
/// </summary>
public static class Unavailable
{
    public const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseWriteAvailability(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var health = context.RequestServices.GetRequiredService<DependencyHealth>();
        if (!health.Database.Ok && IsWrite(context.Request))
        {
            SituationMetrics.WritesRefused.Add(1);
            await Answer(context, "The database cannot be reached", "Nothing was stored; try again shortly.");
            return;
        }
        await next();
    });

    private static bool IsWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/api/auth")
        && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method));

    public static Task Answer(HttpContext context, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail).ExecuteAsync(context);
    }

    /// <summary>Failures of the storage or of the cluster underneath a request, as opposed to bugs.</summary>
    public static bool IsOutage(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            // A driver's exception thrown on another node cannot be serialised back: Orleans says so instead.
            if (e is Orleans.Serialization.CodecNotFoundException && e.Message.Contains("Npgsql", StringComparison.Ordinal))
                return true;
            if (e is StorageUnavailableException or NpgsqlException or SocketException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
                or Orleans.Storage.InconsistentStateException or Microsoft.Data.Sqlite.SqliteException)
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage))
                return true;
        }
        return false;
    }
}

/// <summary>Turns an outage thrown from a request into 503 problem+json; anything else stays a plain 500 without details.</summary>
public sealed class OutageExceptionHandler(ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // A grain call given up by Orleans (a message that expired while a dead node's grains were
        // being placed anew) is the cluster recovering, unless it was the caller who went away.
        var givenUp = exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested;
        if (!(Unavailable.IsOutage(exception) || givenUp) || context.Response.HasStarted)
            return false;
        logger.LogWarning("Request {Method} {Path} failed on an outage: {Error}", context.Request.Method, context.Request.Path, exception.GetType().Name);
        SituationMetrics.WritesRefused.Add(1);
        await Unavailable.Answer(context, "The platform cannot store this right now", "Nothing was acknowledged; try again shortly.");
        return true;
    }
}
