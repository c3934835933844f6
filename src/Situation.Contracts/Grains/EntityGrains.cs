using Situation.Contracts.Entities;
using Situation.Contracts.Model;

namespace Situation.Contracts.Grains;

/// <summary>Finds the grain of an entity from its type word and id.</summary>
public static class EntityGrains
{
    public static IEntityGrain Get(IGrainFactory grains, string entityType, string id) =>
        EntityTable.Of(entityType).GrainOf(grains, id);

    /// <summary>The grain of an entity whose grain interface the caller knows (the write path's lookup).</summary>
    public static T Get<T>(this IGrainFactory grains, string entityType, string id) where T : IEntityGrain =>
        grains.GetGrain<T>(EntityType.GrainKey(entityType, id));
}
