using Situation.Contracts.Entities;

namespace Situation.Contracts.Grains;

/// <summary>Finds the grain of an entity from its type word and id.</summary>
public static class EntityGrains
{
    public static IEntityGrain Get(IGrainFactory grains, string entityType, string id) =>
        EntityTable.Of(entityType).GrainOf(grains, id);

    /// <summary>The grain of an entity as one of the interfaces its grain implements (its own, or one shared such as <see cref="IReportingGrain"/>).</summary>
    public static T Get<T>(this IGrainFactory grains, string entityType, string id) where T : IEntityGrain =>
        (T)Get(grains, entityType, id);
}
