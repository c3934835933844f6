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

        api.MapGet("/", async (string? @operator, string? district, string? health, SituationReader reader, Check check) =>
            {
                check.Id("operator", @operator, required: false);
                check.Id("district", district, required: false);
                check.Word("health", health, new Vocabulary([.. Words.Health.All.Words, "unknown"]), required: false);
                if (check.Problem is { } invalid) return invalid;
                var sites = (await reader.List(EntityType.Site, district)).Cast<SiteView>()
                    .Where(s => (@operator is null || s.Operator == @operator) && (health is null || s.EffectiveHealth == health));
                return Answers.Features(sites);
            })
            .WithName("ListSites").WithSummary("Telecom sites; filter by operator, district and effective health");

        api.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                Answers.Entity(EntityId.IsValid(id) ? await grains.Get<ISiteGrain>(EntityType.Site, id).GetView() : null, EntityType.Site, id))
            .WithName("GetSite").WithSummary("One telecom site");

        api.MapPost("/", async (HttpContext context, IGrainFactory grains, Check check, ProvinceGeography geography) =>
            {
                var body = await JsonBody.Read<SiteRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var request = body.Value!;
                var id = check.Id("id", request.Id);
                var op = check.Id("operator", request.Operator);
                var kind = check.Word("kind", request.Kind, Words.SiteKind.All);
                var name = check.Text("name", request.Name, required: false);
                var location = check.Point("location", request.Location);
                var radius = check.Range("coverageRadiusM", request.CoverageRadiusM, 50, 50_000);
                var upstream = check.Id("upstreamSiteId", request.UpstreamSiteId, required: false);
                if (upstream is not null && upstream == id) check.Reject("upstreamSiteId", "a site cannot be its own upstream");
                if (check.Problem is { } invalid) return invalid;

                var registration = new SiteRegistration(op!, kind!, name, location!.Value, radius, upstream, geography.DistrictAt(location.Value)!);
                return Answers.From(context, await grains.Get<ISiteGrain>(EntityType.Site, id!).Register(registration, Refusals.ActorOf(context)), EntityType.Site, id!);
            })
            .Accepts<SiteRequest>("application/json")
            .WithName("SaveSite").WithSummary("Register a telecom site or update its registration");

        api.MapPost("/{id}/reports", async (string id, HttpContext context, SiteReports reports) =>
            {
                var body = await JsonBody.Read<SiteReportRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var outcome = await reports.Apply(context, body.Value! with { SiteId = id });
                return outcome.Problem ?? Answers.From(context, outcome.Written!, EntityType.Site, id);
            })
            .Accepts<SiteReportRequest>("application/json")
            .WithName("ReportSite").WithSummary("One site report: health, power, battery, causes; a repeat is a heartbeat");

        app.MapPost("/api/reports", async (HttpContext context, SiteReports reports) => await reports.ApplyBatch(context))
            .WithTags("Telecom sites")
            .Accepts<ReportBatchRequest>("application/json")
            .WithName("ReportSites").WithSummary("A batch of site reports from an operator feed, with a result per item");
    }
}
