using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

public static class ZonesApi
{
    public static void MapZonesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/zones").WithTags("Quarantine zones");

        api.MapGet("/", ListZones).AnswersFeatures(EntityType.Zone).WithName("ListZones").WithSummary("Quarantine zones, optionally of one district or status");
        api.MapGet("/{id}", GetZone).AnswersFeature(EntityType.Zone).WithName("GetZone").WithSummary("One quarantine zone");
        api.MapPost("/", CreateZone)
            .Accepts<FeatureRequest<ZoneProperties>>("application/geo+json", "application/json")
            .AnswersConflict("A zone with that id exists already.").WithName("CreateZone").WithSummary("Declare a quarantine zone (a GeoJSON Feature with a Polygon or MultiPolygon)");
        api.MapPut("/{id}", UpdateZone)
            .Accepts<FeatureRequest<ZoneProperties>>("application/geo+json", "application/json")
            .WithName("UpdateZone").WithSummary("Change a zone's name, boundary or planned end");
        api.MapPost("/{id}/lift", LiftZone).WithName("LiftZone").WithSummary("Lift a quarantine zone");
    }

    private static async Task<IResult> ListZones(string? district, [Words("ZoneStatus")] string? status, SituationReader reader) =>
        Answers.Features((await reader.List(EntityType.Zone, district)).Where(z => status is null || ((ZoneView)z).Status == status));

    private static Task<IResult> GetZone(string id, IGrainFactory grains) =>
        Answers.One(grains, EntityType.Zone, id);

    private static Task<Results<Ok<ZoneView>, Created<ZoneView>, ProblemHttpResult>> CreateZone(HttpContext context, Check check) =>
        Save(context, check, pathId: null);

    private static Task<Results<Ok<ZoneView>, Created<ZoneView>, ProblemHttpResult>> UpdateZone(string id, HttpContext context, Check check) =>
        Save(context, check, pathId: id);

    private static async Task<Results<Ok<ZoneView>, Created<ZoneView>, ProblemHttpResult>> LiftZone(string id, HttpContext context, IGrainFactory grains)
    {
        if (!EntityId.IsValid(id)) return Problems.NotFound(EntityType.Zone, id);
        return Answers.Written(context, await grains.Get<IZoneGrain>(EntityType.Zone, id).Lift(Refusals.ActorOf(context)), EntityType.Zone, id);
    }

    private static Task<Results<Ok<ZoneView>, Created<ZoneView>, ProblemHttpResult>> Save(HttpContext context, Check check, string? pathId) =>
        EntityWrites.Apply<FeatureRequest<ZoneProperties>, IZoneGrain, ZoneView>(context, check, EntityType.Zone, feature =>
        {
            var properties = feature.Properties ?? new ZoneProperties(null, null, null, null);
            var id = FeatureId.Check(check, feature.Type, feature.Id, properties.Id, pathId);
            var boundary = check.Shape("geometry", feature.Geometry, "Polygon", "MultiPolygon");
            var name = check.Text("properties.name", properties.Name);
            // A zone drawn without naming its district belongs to the district its interior point lies in.
            var inside = boundary?.InteriorPoint is { IsEmpty: false } point ? new GeoPoint(point.X, point.Y) : (GeoPoint?)null;
            var districtId = check.District("properties.districtId", properties.DistrictId, inside);
            // A committee's zone stays in its district; one across districts is an administrator's act.
            if (Refusals.ActorOf(context).Role != Roles.Admin)
                check.WithinDistrict("geometry", boundary, districtId);
            if (!check.Ok) return null;
            var definition = new ZoneDefinition(districtId!, name!, Geo.ToShape(boundary!), properties.Until);
            return new(id!, (zone, actor) => pathId is null ? zone.Create(definition, actor) : zone.Update(definition, actor));
        });
}
