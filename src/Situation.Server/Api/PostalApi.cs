using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;
using Situation.Server.Api.Input;
using Situation.Server.Geography;

namespace Situation.Server.Api;

public static class PostalApi
{
    public static void MapPostalApi(this IEndpointRouteBuilder app)
    {
        var offices = app.MapGroup("/api/postal/offices").WithTags("Postal service");

        offices.MapGet("/", ListOffices).AnswersFeatures(EntityType.Office).WithName("ListOffices").WithSummary("Post offices with their status");
        offices.MapGet("/{id}", GetOffice).AnswersFeature(EntityType.Office).WithName("GetOffice").WithSummary("One post office");
        offices.MapPost("/", SaveOffice)
            .Accepts<OfficeRequest>("application/json")
            .WithName("SaveOffice").WithSummary("Register a post office or update its registration");
        offices.MapPost("/{id}/reports", ReportOffice)
            .Accepts<StatusReportRequest>("application/json")
            .WithName("ReportOffice").WithSummary("Report a post office open or closed; a repeat is a heartbeat");

        var routes = app.MapGroup("/api/postal/routes").WithTags("Postal service");

        routes.MapGet("/", ListRoutes).AnswersFeatures(EntityType.Route).WithName("ListRoutes").WithSummary("Postal routes with their status");
        routes.MapGet("/{id}", GetRoute).AnswersFeature(EntityType.Route).WithName("GetRoute").WithSummary("One postal route");
        routes.MapPost("/", SaveRoute)
            .Accepts<FeatureRequest<RouteProperties>>("application/geo+json", "application/json")
            .WithName("SaveRoute").WithSummary("Register a postal route (a GeoJSON Feature with a LineString) or update it");
        routes.MapPost("/{id}/reports", ReportRoute)
            .Accepts<StatusReportRequest>("application/json")
            .WithName("ReportRoute").WithSummary("Report a route running, delayed or suspended; a repeat is a heartbeat");
    }

    private static async Task<IResult> ListOffices(string? district, string? @operator, SituationReader reader) =>
        Answers.Features((await reader.List(EntityType.Office, district)).Where(o => @operator is null || ((OfficeView)o).Operator == @operator));

    private static Task<IResult> GetOffice(string id, IGrainFactory grains) =>
        Answers.One(grains, EntityType.Office, id);

    private static Task<Results<Ok<OfficeView>, Created<OfficeView>, ProblemHttpResult>> SaveOffice(HttpContext context, Check check) =>
        EntityWrites.Apply<OfficeRequest, IOfficeGrain, OfficeView>(context, check, EntityType.Office, request =>
        {
            var id = check.Id("id", request.Id);
            var op = check.Id("operator", request.Operator);
            var name = check.Text("name", request.Name);
            var location = check.Point("location", request.Location);
            var districtId = location is null ? null : check.District("districtId", request.DistrictId, location);
            if (!check.Ok) return null;
            var registration = new OfficeRegistration(op!, districtId!, name!, location!.Value);
            return new(id!, (office, actor) => office.Register(registration, actor));
        });

    private static Task<Results<Ok<OfficeView>, Created<OfficeView>, ProblemHttpResult>> ReportOffice(string id, HttpContext context, Check check) =>
        EntityWrites.Apply<StatusReportRequest, IOfficeGrain, OfficeView>(context, check, EntityType.Office, request =>
        {
            var report = StatusReportOf(request, Words.OfficeStatus.All, check);
            return new(id, (office, actor) => office.Report(report, actor));
        });

    private static async Task<IResult> ListRoutes(string? district, string? @operator, SituationReader reader) =>
        Answers.Features((await reader.List(EntityType.Route, district)).Where(r => @operator is null || ((RouteView)r).Operator == @operator));

    private static Task<IResult> GetRoute(string id, IGrainFactory grains) =>
        Answers.One(grains, EntityType.Route, id);

    private static Task<Results<Ok<RouteView>, Created<RouteView>, ProblemHttpResult>> SaveRoute(HttpContext context, Check check, ProvinceGeography geography) =>
        EntityWrites.Apply<FeatureRequest<RouteProperties>, IRouteGrain, RouteView>(context, check, EntityType.Route, feature =>
        {
            var properties = feature.Properties ?? new RouteProperties(null, null, null, null);
            var id = FeatureId.Check(check, feature.Type, feature.Id, properties.Id, pathId: null);
            var path = check.Shape("geometry", feature.Geometry, "LineString");
            var op = check.Id("properties.operator", properties.Operator);
            var name = check.Text("properties.name", properties.Name);
            var stops = check.Ids("properties.stopOfficeIds", properties.StopOfficeIds);
            if (!check.Ok) return null;
            var registration = new RouteRegistration(op!, name!, Geo.ToShape(path!), stops, geography.DistrictsAlong(path!));
            return new(id!, (route, actor) => route.Register(registration, actor));
        });

    private static Task<Results<Ok<RouteView>, Created<RouteView>, ProblemHttpResult>> ReportRoute(string id, HttpContext context, Check check) =>
        EntityWrites.Apply<StatusReportRequest, IRouteGrain, RouteView>(context, check, EntityType.Route, request =>
        {
            var report = StatusReportOf(request, Words.RouteStatus.All, check);
            return new(id, (route, actor) => route.Report(report, actor));
        });

    private static StatusReport StatusReportOf(StatusReportRequest request, Vocabulary statuses, Check check) =>
        new(check.Word("status", request.Status, statuses)!, check.NotInFuture("at", request.At));
}
