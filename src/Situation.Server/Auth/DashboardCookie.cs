using Situation.Contracts.Accounts;

namespace Situation.Server.Auth;

/// <summary>
/// The Orleans Dashboard is a page of its own whose scripts call its API without our bearer header.
/// An admin opens it once as /dashboard?access_token=&lt;token&gt;; once that token has been checked
/// and is an administrator's, it is kept in an HttpOnly, same-site cookie valid for /dashboard
/// only (Secure unless the host runs explicitly as Development), and checked like any bearer token.
/// </summary>
public static class DashboardCookie
{
    private const string Name = "situation-dashboard";
    private const string Path = "/dashboard";

    /// <summary>The token a dashboard request carries, in its query or its cookie; nothing is kept yet.</summary>
    public static string? TokenFor(HttpContext context) =>
        Given(context) ?? context.Request.Cookies[Name];

    /// <summary>After the token has been validated: an administrator's token given in the query is kept.</summary>
    public static void KeepIfGiven(HttpContext context, Caller? caller)
    {
        if (!context.Request.Path.StartsWithSegments(Path) || Given(context) is not { } token || caller is not { Role: Roles.Admin, IsApiKey: false })
            return;
        var development = context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment();
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = Path, Secure = !development,
        });
    }

    private static string? Given(HttpContext context) =>
        context.Request.Query["access_token"].ToString() is { Length: > 0 } token ? token : null;
}
