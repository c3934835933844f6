using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Model;
using Situation.Contracts.Reports;
using Situation.Server.Api.Input;
using Situation.Server.Auth;
using Situation.Server.Sitreps;
using Situation.Grains.Directives;

namespace Situation.Server.Api;

/// <summary>
/// Situation reports (Báo cáo tình hình, README "Situation reports") for leaders and the DIC: made on
/// demand or by the daily schedule, kept, listed, and downloaded as PDF, XLSX or CSV in Vietnamese or English.
/// </summary>
public static class SitrepsApi
{
    private const string What = "sitrep";
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(31);
    private static readonly Dictionary<string, string> Formats = new() { ["pdf"] = "application/pdf", ["xlsx"] = SitrepMaker.XlsxMediaType, ["csv"] = "text/csv" };

    public static void MapSitrepsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sitreps").WithTags("Reports").RequireAuthorization(AuthSetup.LeadersPolicy);
        api.MapGet("/", List).WithName("ListSitreps").WithSummary("The kept situation reports, newest first, with the links to their files");
        api.MapPost("/", Make).Accepts<SitrepRequest>("application/json").WithName("MakeSitrep")
            .WithSummary("Make a situation report for a period (at most 31 days, ended), or for yesterday on Gia Lai's clock when none is given");
        api.MapGet("/{id}", Get).WithName("GetSitrep").WithSummary("One kept report with its figures");
        api.MapGet("/{id}/report.{format}", Download).WithName("DownloadSitrep")
            .WithSummary("A kept report as a file: pdf (the official form), xlsx (a sheet each for the province, the districts, the flags and the trend) or csv (the districts); lang vi (default) or en")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), Formats["pdf"], Formats["xlsx"], Formats["csv"])
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A kept report as lists show it.</summary>
    public sealed record SitrepSummary(string Id, long Number, DateTimeOffset From, DateTimeOffset To, DateTimeOffset GeneratedAt, string GeneratedBy, bool Scheduled,
        IReadOnlyDictionary<string, string> Files);

    public sealed record SitrepWithFigures(SitrepSummary Report, SitrepFigures Figures);

    private static SitrepSummary Summary(SitrepRecord r) => Summary(r.Id, r.Number, r.From, r.To, r.GeneratedAt, r.GeneratedBy, r.Scheduled);

    private static SitrepSummary Summary(string id, long number, DateTimeOffset from, DateTimeOffset to, DateTimeOffset at, string by, bool scheduled) =>
        new(id, number, from, to, at, by, scheduled, Formats.Keys.ToDictionary(f => f, f => $"/api/sitreps/{id}/report.{f}"));

    private static async Task<Ok<ItemList<SitrepSummary>>> List(ISitrepStore store) =>
        TypedResults.Ok(new ItemList<SitrepSummary>((await store.List(100)).Select(Summary)));

    private static async Task<Results<Ok<SitrepWithFigures>, ProblemHttpResult>> Get(string id, ISitrepStore store) =>
        EntityId.IsValid(id) && await store.Get(id) is { } record
            ? TypedResults.Ok(new SitrepWithFigures(Summary(record), StoredSitrep.Of(record).Figures))
            : Problems.NotFound(What, id);

    private static async Task<Results<Created<SitrepSummary>, ProblemHttpResult>> Make(HttpContext context, SitrepMaker sitreps, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<SitrepRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var now = clock.GetUtcNow();
        var period = SitrepMaker.Yesterday(now);
        if (request.From is not null || request.To is not null)
        {
            if (request.From is null) check.Reject("from", "is required with to");
            if (request.To is null) check.Reject("to", "is required with from");
            if (request.From is { } from && request.To is { } to)
            {
                if (to <= from) check.Refuse("to", "must come after from");
                else if (to - from > LongestPeriod) check.Refuse("to", $"a report covers at most {LongestPeriod.TotalDays} days");
                else if (to > now) check.Refuse("to", "lies in the future: a report covers a period that has ended");
                period = new SitrepPeriod(from, to);
            }
        }
        if (check.Problem is { } invalid) return invalid;
        var made = await sitreps.Make(period, Caller.Of(context.User)!.Actor.Name, scheduled: false, context.RequestAborted);
        var summary = Summary(made!.Id, made.Number, made.Figures.Period.From, made.Figures.Period.To, made.GeneratedAt, made.GeneratedBy, made.Scheduled);
        return TypedResults.Created($"/api/sitreps/{made.Id}", summary);
    }

    private static async Task<IResult> Download(string id, string format, string? lang, ISitrepStore store, SitrepMaker sitreps, Check check)
    {
        if (lang is not null and not ("vi" or "en")) check.Reject("lang", "must be vi or en");
        if (!Formats.ContainsKey(format)) check.Reject("format", $"must be one of: {string.Join(", ", Formats.Keys)}");
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id) || await store.Get(id) is not { } record)
            return Problems.NotFound(What, id);
        var report = StoredSitrep.Of(record);
        try
        {
            var (content, mediaType) = sitreps.Render(report, format, lang)!.Value;
            var day = report.Figures.Period.From.ToOffset(ObligationRules.LocalOffset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            return Results.File(content, mediaType, $"bao-cao-{report.Number}-{day}-{lang ?? "vi"}.{format}");
        }
        catch (FontsMissingException missing)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF cannot be made on this server", detail: missing.Message);
        }
    }
}
