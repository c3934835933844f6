using Situation.Grains.Spatial;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Geography;

namespace Situation.Server.Api;

public static class PostalApi
{
    public static void MapPostalApi(this IEndpointRouteBuilder app)
    {
        var offices = app.MapGroup("/api/postal/offices").WithTags("Postal service");

        offices.MapGet("/", async (string? district, string? @operator, SituationReader reader) =>
                Answers.Features((await reader.List(EntityType.Office, district)).Where(o => @operator is null || ((OfficeView)o).Operator == @operator)))
            .WithName("ListOffices").WithSummary("Post offices with their status");

        offices.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                Answers.Entity(EntityId.IsValid(id) ? await grains.Get<IOfficeGrain>(EntityType.Office, id).GetView() : null, EntityType.Office, id))
            .WithName("GetOffice").WithSummary("One post office");

        offices.MapPost("/", async (HttpContext context, IGrainFactory grains, Check check) =>
            {
                var body = await JsonBody.Read<OfficeRequest>(context);
                if (body.Problem is not null) return body.Problem;
                var request = body.Value!;
                var id = check.Id("id", request.Id);
                var op = check.Id("operator", request.Operator);
                var name = check.Text("name", request.Name);
                var location = check.Point("location", request.Location);
                var districtId = location is null ? null : check.District("districtId", request.DistrictId, location);
                if (check.Problem is { } invalid) return invalid;

                var registration = new OfficeRegistration(op!, districtId!, name!, location!.Value);
                return Answers.From(context, await grains.Get<IOfficeGrain>(EntityType.Office, id!).Register(registration, Refusals.ActorOf(context)), EntityType.Office, id!);
            })
            .Accepts<OfficeRequest>("application/json")
            .WithName("SaveOffice").WithSummary("Register a post office or update its registration");

        offices.MapPost("/{id}/reports", (string id, HttpContext context, IGrainFactory grains, Check check) =>
                Report(id, EntityType.Office, Words.OfficeStatus.All, context, grains, check))
            .Accepts<StatusReportRequest>("application/json")
            .WithName("ReportOffice").WithSummary("Report a post office open or closed; a repeat is a heartbeat");

        var routes = app.MapGroup("/api/postal/routes").WithTags("Postal service");

        routes.MapGet("/", async (string? district, string? @operator, SituationReader reader) =>
                Answers.Features((await reader.List(EntityType.Route, district)).Where(r => @operator is null || ((RouteView)r).Operator == @operator)))
            .WithName("ListRoutes").WithSummary("Postal routes with their status");

        routes.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                Answers.Entity(EntityId.IsValid(id) ? await grains.Get<IRouteGrain>(EntityType.Route, id).GetView() : null, EntityType.Route, id))
            .WithName("GetRoute").WithSummary("One postal route");

        routes.MapPost("/", async (HttpContext context, IGrainFactory grains, Check check, ProvinceGeography geography) =>
            {
                var body = await JsonBody.Read<FeatureRequest<RouteProperties>>(context);
                if (body.Problem is not null) return body.Problem;
                var feature = body.Value!;
                var properties = feature.Properties ?? new RouteProperties(null, null, null, null);
                var id = FeatureId.Check(check, feature.Type, feature.Id, properties.Id, pathId: null);
                var path = check.Shape("geometry", feature.Geometry, "LineString");
                var op = check.Id("properties.operator", properties.Operator);
                var name = check.Text("properties.name", properties.Name);
                var stops = check.Ids("properties.stopOfficeIds", properties.StopOfficeIds);
                if (check.Problem is { } invalid) return invalid;

                var registration = new RouteRegistration(op!, name!, Geo.ToShape(path!), stops, geography.DistrictsAlong(path!));
                return Answers.From(context, await grains.Get<IRouteGrain>(EntityType.Route, id!).Register(registration, Refusals.ActorOf(context)), EntityType.Route, id!);
            })
            .Accepts<FeatureRequest<RouteProperties>>("application/geo+json", "application/json")
            .WithName("SaveRoute").WithSummary("Register a postal route (a GeoJSON Feature with a LineString) or update it");

        routes.MapPost("/{id}/reports", (string id, HttpContext context, IGrainFactory grains, Check check) =>
                Report(id, EntityType.Route, Words.RouteStatus.All, context, grains, check))
            .Accepts<StatusReportRequest>("application/json")
            .WithName("ReportRoute").WithSummary("Report a route running, delayed or suspended; a repeat is a heartbeat");
    }

    private static async Task<IResult> Report(string id, string entityType, Vocabulary statuses, HttpContext context,
        IGrainFactory grains, Check check)
    {
        var body = await JsonBody.Read<StatusReportRequest>(context);
        if (body.Problem is not null) return body.Problem;
        var report = new StatusReport(check.Word("status", body.Value!.Status, statuses)!, check.NotInFuture("at", body.Value.At));
        if (check.Problem is { } invalid) return invalid;
        if (!EntityId.IsValid(id)) return Problems.NotFound(entityType, id);

        var actor = Refusals.ActorOf(context);
        return EntityGrains.Get(grains, entityType, id) switch
        {
            IOfficeGrain office => Answers.From(context, await office.Report(report, actor), entityType, id),
            IRouteGrain route => Answers.From(context, await route.Report(report, actor), entityType, id),
            _ => throw new InvalidOperationException($"{entityType} takes no status reports"),
        };
    }
}
