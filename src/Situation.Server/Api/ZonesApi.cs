using Situation.Grains.Spatial;
using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Geography;

namespace Situation.Server.Api;

public static class ZonesApi
{
    public static void MapZonesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/zones").WithTags("Quarantine zones");

        api.MapGet("/", async (string? district, string? status, SituationReader reader) =>
                Answers.Features((await reader.List(EntityType.Zone, district))
                    .Where(z => status is null || ((ZoneView)z).Status == status)))
            .WithName("ListZones").WithSummary("Quarantine zones, optionally of one district or status");

        api.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                Answers.Entity(EntityId.IsValid(id) ? await grains.Get<IZoneGrain>(EntityType.Zone, id).GetView() : null, EntityType.Zone, id))
            .WithName("GetZone").WithSummary("One quarantine zone");

        api.MapPost("/", (HttpContext context, IGrainFactory grains, Check check) =>
                Save(context, grains, check, pathId: null))
            .Accepts<FeatureRequest<ZoneProperties>>("application/geo+json", "application/json")
            .WithName("CreateZone").WithSummary("Declare a quarantine zone (a GeoJSON Feature with a Polygon or MultiPolygon)");

        api.MapPut("/{id}", (string id, HttpContext context, IGrainFactory grains, Check check) =>
                Save(context, grains, check, pathId: id))
            .Accepts<FeatureRequest<ZoneProperties>>("application/geo+json", "application/json")
            .WithName("UpdateZone").WithSummary("Change a zone's name, boundary or planned end");

        api.MapPost("/{id}/lift", async (string id, HttpContext context, IGrainFactory grains) =>
            {
                if (!EntityId.IsValid(id)) return Problems.NotFound(EntityType.Zone, id);
                return Answers.From(context, await grains.Get<IZoneGrain>(EntityType.Zone, id).Lift(Refusals.ActorOf(context)), EntityType.Zone, id);
            })
            .WithName("LiftZone").WithSummary("Lift a quarantine zone");
    }

    private static async Task<IResult> Save(HttpContext context, IGrainFactory grains, Check check, string? pathId)
    {
        var body = await JsonBody.Read<FeatureRequest<ZoneProperties>>(context);
        if (body.Problem is not null) return body.Problem;
        var feature = body.Value!;
        var properties = feature.Properties ?? new ZoneProperties(null, null, null, null);
        var id = FeatureId.Check(check, feature.Type, feature.Id, properties.Id, pathId);
        var boundary = check.Shape("geometry", feature.Geometry, "Polygon", "MultiPolygon");
        var name = check.Text("properties.name", properties.Name);
        // A zone drawn without naming its district belongs to the district its interior point lies in.
        var inside = boundary?.InteriorPoint is { IsEmpty: false } point ? new GeoPoint(point.X, point.Y) : (GeoPoint?)null;
        var districtId = check.District("properties.districtId", properties.DistrictId, inside);
        // A committee's zone stays in its district; one across districts is an administrator's act.
        var actor = Refusals.ActorOf(context);
        if (actor.Role != Roles.Admin)
            check.WithinDistrict("geometry", boundary, districtId);
        if (check.Problem is { } invalid) return invalid;

        var zone = grains.Get<IZoneGrain>(EntityType.Zone, id!);
        var definition = new ZoneDefinition(districtId!, name!, Geo.ToShape(boundary!), properties.Until);
        var result = pathId is null ? await zone.Create(definition, actor) : await zone.Update(definition, actor);
        return Answers.From(context, result, EntityType.Zone, id!);
    }
}
