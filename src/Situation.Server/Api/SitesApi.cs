using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Geography;

namespace Situation.Server.Api;

public static class SitesApi
{
    public static void MapSitesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sites").WithTags("Telecom sites");

        api.MapGet("/", ListSites).AnswersFeatures(EntityType.Site).WithName("ListSites").WithSummary("Telecom sites; filter by operator, district and effective health");
        api.MapGet("/{id}", GetSite).AnswersFeature(EntityType.Site).WithName("GetSite").WithSummary("One telecom site");
        api.MapPost("/", SaveSite)
            .Accepts<SiteRequest>("application/json")
            .WithName("SaveSite").WithSummary("Register a telecom site or update its registration");
        api.MapPost("/{id}/reports", ReportSite)
            .Accepts<SiteReportRequest>("application/json")
            .WithName("ReportSite").WithSummary("One site report: health, power, battery, causes; a repeat is a heartbeat");

        app.MapPost("/api/reports", (HttpContext context, SiteReports reports) => reports.ApplyBatch(context))
            .WithTags("Telecom sites")
            .Accepts<ReportBatchRequest>("application/json")
            .WithName("ReportSites").WithSummary("A batch of site reports from an operator feed, with a result per item");
    }

    private static async Task<IResult> ListSites(string? @operator, string? district, [Words("EffectiveHealth")] string? health, SituationReader reader, Check check)
    {
        check.Id("operator", @operator, required: false);
        check.Id("district", district, required: false);
        check.Word("health", health, Words.Health.Effective, required: false);
        if (check.Problem is { } invalid) return invalid;
        var sites = (await reader.List(EntityType.Site, district)).Cast<SiteView>()
            .Where(s => (@operator is null || s.Operator == @operator) && (health is null || s.EffectiveHealth == health));
        return Answers.Features(sites);
    }

    private static Task<IResult> GetSite(string id, IGrainFactory grains) =>
        Answers.One(grains, EntityType.Site, id);

    private static Task<Results<Ok<SiteView>, Created<SiteView>, ProblemHttpResult>> SaveSite(HttpContext context, Check check, ProvinceGeography geography) =>
        EntityWrites.Apply<SiteRequest, ISiteGrain, SiteView>(context, check, EntityType.Site, request =>
        {
            var id = check.Id("id", request.Id);
            var op = check.Id("operator", request.Operator);
            var kind = check.Word("kind", request.Kind, Words.SiteKind.All);
            var name = check.Text("name", request.Name, required: false);
            var location = check.Point("location", request.Location);
            var radius = check.Range("coverageRadiusM", request.CoverageRadiusM, 50, 50_000);
            var upstream = check.Id("upstreamSiteId", request.UpstreamSiteId, required: false);
            if (upstream is not null && upstream == id) check.Reject("upstreamSiteId", "a site cannot be its own upstream");
            if (!check.Ok) return null;
            var registration = new SiteRegistration(op!, kind!, name, location!.Value, radius, upstream, geography.DistrictAt(location.Value)!);
            return new(id!, (site, actor) => site.Register(registration, actor));
        });

    /// <summary>One report, by the same rules as an item of a batch (<see cref="SiteReports"/>).</summary>
    private static async Task<Results<Ok<SiteView>, Created<SiteView>, ProblemHttpResult>> ReportSite(string id, HttpContext context, SiteReports reports) =>
        Answers.Counted(EntityType.Site, await Report(id, context, reports));

    private static async Task<Results<Ok<SiteView>, Created<SiteView>, ProblemHttpResult>> Report(string id, HttpContext context, SiteReports reports)
    {
        var body = await JsonBody.Read<SiteReportRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var outcome = await reports.Apply(context, body.Value! with { SiteId = id });
        return outcome.Problem is { } problem ? problem : Answers.Written(context, outcome.Written!, EntityType.Site, id);
    }
}
