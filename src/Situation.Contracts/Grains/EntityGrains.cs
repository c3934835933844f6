using Situation.Contracts.Model;

namespace Situation.Contracts.Grains;

/// <summary>Finds the grain of an entity from its type word and id.</summary>
public static class EntityGrains
{
    public static IEntityGrain Get(IGrainFactory grains, string entityType, string id)
    {
        var key = EntityType.GrainKey(entityType, id);
        return entityType switch
        {
            EntityType.District => grains.GetGrain<IDistrictGrain>(key),
            EntityType.Zone => grains.GetGrain<IZoneGrain>(key),
            EntityType.Checkpoint => grains.GetGrain<ICheckpointGrain>(key),
            EntityType.Site => grains.GetGrain<ISiteGrain>(key),
            EntityType.Office => grains.GetGrain<IOfficeGrain>(key),
            EntityType.Route => grains.GetGrain<IRouteGrain>(key),
            _ => throw new ArgumentOutOfRangeException(nameof(entityType), entityType, "not an entity type"),
        };
    }

    public static T Get<T>(this IGrainFactory grains, string entityType, string id) where T : IEntityGrain =>
        (T)Get(grains, entityType, id);
}
