namespace Situation.Server.Hosting;

/// <summary>
/// Headers that keep the web app from being framed, sniffed or made to load foreign code, and keep
/// API answers out of shared caches. The map's base-map tiles, when configured, are the one
/// foreign origin the policy admits.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? tileOrigin)
    {
        var images = tileOrigin is null ? "'self' data: blob:" : $"'self' data: blob: {tileOrigin}";
        var connect = tileOrigin is null ? "'self'" : $"'self' {tileOrigin}";
        var policy = string.Join("; ",
            "default-src 'self'",
            // MapLibre builds its workers from blobs; its canvas needs inline style attributes.
            "script-src 'self'", "worker-src 'self' blob:", "style-src 'self' 'unsafe-inline'",
            $"img-src {images}", $"connect-src {connect}", "font-src 'self' data:",
            "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'");
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Swagger UI (/docs) and the Orleans Dashboard (/dashboard) run inline scripts of their own;
            // they get the other headers only.
            if (!context.Request.Path.StartsWithSegments("/docs") && !context.Request.Path.StartsWithSegments("/dashboard"))
                headers.ContentSecurityPolicy = policy;
            if (context.Request.Path.StartsWithSegments("/api"))
                headers.CacheControl = "no-store";
            return next();
        });
    }
}
