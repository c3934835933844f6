using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Situation.Server.Alerts;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

/// <summary>
/// CAP 1.2 alerts (README "Alerts"): a zone declared or lifted, a district's level changed, a critical
/// flag raised — listed, each as its CAP document, and as an Atom feed for alerting hubs and readers.
/// </summary>
public static class AlertsApi
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(31);

    public static void MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Alerts");
        api.MapGet("/alerts", List).WithName("ListAlerts").ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The alerts since a moment (7 days back unless given, at most 31), newest first, each with its CAP document's link");
        api.MapGet("/alerts.atom", Feed).WithName("AlertsFeed").WithSummary("The same alerts as an Atom feed, each entry linking to its CAP document")
            .Produces(StatusCodes.Status200OK, typeof(string), "application/atom+xml").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/alerts/{identifier}.xml", Get).WithName("GetAlert").WithSummary("One alert as a CAP 1.2 document (Vietnamese and English info blocks; the area as polygons or circles)")
            .Produces(StatusCodes.Status200OK, typeof(string), CapXml.MediaType);
    }

    /// <summary>An alert as lists show it.</summary>
    public sealed record AlertSummary(string Identifier, DateTimeOffset Sent, string Kind, string Severity, string SubjectType, string SubjectId, string Headline, string HeadlineEn, string Cap);

    private static async Task<Results<Ok<ItemList<AlertSummary>>, ProblemHttpResult>> List(DateTimeOffset? since, HttpContext context, AlertSource alerts, Check check, TimeProvider clock)
    {
        if (Window(since, check, clock) is not { } from) return check.Problem!;
        var listed = await alerts.Between(from, clock.GetUtcNow().AddMilliseconds(1), context.RequestAborted);
        return TypedResults.Ok(new ItemList<AlertSummary>(listed.Select(a => new AlertSummary(a.Identifier, a.Sent, Kind(a.Kind), a.Severity, a.SubjectType, a.SubjectId,
            a.Info[0].Headline, a.Info[1].Headline, $"/api/alerts/{a.Identifier}.xml"))));
    }

    private static async Task<IResult> Feed(DateTimeOffset? since, HttpContext context, AlertSource alerts, Check check, TimeProvider clock)
    {
        if (Window(since, check, clock) is not { } from) return check.Problem!;
        var now = clock.GetUtcNow();
        var listed = await alerts.Between(from, now.AddMilliseconds(1), context.RequestAborted);
        var request = context.Request;
        var root = new Uri($"{request.Scheme}://{request.Host}");
        return Results.Content(CapXml.Feed(listed, new Uri(root, "/api/alerts.atom"), a => new Uri(root, $"/api/alerts/{a.Identifier}.xml"), now), "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> Get(string identifier, HttpContext context, AlertSource alerts, IOptions<AlertOptions> options) =>
        identifier.Length <= 300 && await alerts.Get(identifier, context.RequestAborted) is { } alert
            ? Results.Content(CapXml.Write(alert, options.Value.Sender), $"{CapXml.MediaType}; charset=utf-8")
            : Problems.NotFound("alert", identifier);

    private static DateTimeOffset? Window(DateTimeOffset? since, Check check, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var from = since ?? now - DefaultWindow;
        if (from > now) check.Refuse("since", "lies in the future");
        else if (now - from > LongestWindow) check.Refuse("since", $"reaches back at most {LongestWindow.TotalDays} days");
        return check.Ok ? from : null;
    }

    private static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.ZoneDeclared => "zone_declared", AlertKind.ZoneLifted => "zone_lifted", AlertKind.DistrictLevel => "district_level", _ => "critical_flag",
    };
}
