namespace Situation.Server.Api;

/// <summary>
/// A page or file that does not exist, outside the API and the hub: 404 problem+json to anyone, so
/// that a browser asking for <c>/favicon.ico</c> or a mistyped page is not refused as if it had to
/// sign in. The API and the hub keep routing's own answers (401 before sign-in, 405, 415).
/// </summary>
public static class NotFoundApi
{
    public static void MapNotFound(this IEndpointRouteBuilder app) =>
        app.MapMethods("{*path:regex(^(?!api/|api$|hubs/|hubs$))}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
                Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Nothing is at {context.Request.Path}."))
            // Tried last: every route of the application comes before it.
            .WithOrder(int.MaxValue).AllowAnonymous().ExcludeFromDescription();
}
