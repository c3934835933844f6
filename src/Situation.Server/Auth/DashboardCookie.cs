namespace Situation.Server.Auth;

/// <summary>
/// The Orleans Dashboard is a page of its own whose scripts call its API without our bearer header.
/// An admin opens it once as /dashboard?access_token=&lt;token&gt;; the token is then kept in an
/// HttpOnly, same-site cookie valid for /dashboard only, and checked like any bearer token.
/// </summary>
public static class DashboardCookie
{
    private const string Name = "situation-dashboard";

    public static string? TokenFor(HttpContext context)
    {
        if (context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Response.Cookies.Append(Name, token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/dashboard", Secure = context.Request.IsHttps,
            });
            return token;
        }
        return context.Request.Cookies[Name];
    }
}
