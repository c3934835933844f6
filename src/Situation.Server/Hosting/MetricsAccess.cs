using System.Security.Cryptography;
using System.Text;
using Situation.Contracts.Accounts;
using Situation.Server.Auth;

namespace Situation.Server.Hosting;

/// <summary>
/// <c>/metrics</c> says how busy the province's system is and where it hurts: for Prometheus with
/// the configured scrape token (<c>Authorization: Bearer &lt;token&gt;</c>, as its scrape
/// configuration sends it) or for an administrator's own bearer token; 401 to anyone else, 403 to
/// other signed-in people. Runs after authentication, before the endpoint.
/// </summary>
public static class MetricsAccess
{
    public const string Path = "/metrics";

    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app, string? scrapeToken)
    {
        if (scrapeToken is { Length: < 16 })
            throw new InvalidOperationException("Situation:Metrics:ScrapeToken must be at least 16 characters");
        var expected = scrapeToken is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(scrapeToken));
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Path))
            {
                await next(context);
                return;
            }
            var caller = Caller.Of(context.User);
            if (caller?.Role == Roles.Admin && !caller.IsApiKey || Presents(context, expected))
            {
                await next(context);
                return;
            }
            var status = caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            context.Response.StatusCode = status;
            await Results.Problem(statusCode: status, title: status == 401 ? "Metrics need a token" : "Metrics are for administrators",
                detail: "Send the scrape token configured as Situation:Metrics:ScrapeToken, or an administrator's bearer token, as Authorization: Bearer <token>.").ExecuteAsync(context);
        });
    }

    private static bool Presents(HttpContext context, byte[]? expected)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (expected is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
            return false;
        // Compared as hashes, in fixed time: neither the length nor a prefix of the token leaks.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..])), expected);
    }
}
