using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Storage;
using Situation.Contracts.Views;
using Situation.Grains.Entities;

namespace Situation.Grains.ReadSide;

/// <summary>
/// The views of an index's members as their grains stored them, read from the storage in one pass
/// per entity type: what each grain would hold on its activation, without activating one.
/// </summary>
internal static class StoredViews
{
    /// <summary>The stored view of each member ("type/id") that has one.</summary>
    public static async Task<Dictionary<string, EntityView>> Read(IStoredStates stored, IGrainFactory grains, IEnumerable<string> members)
    {
        var views = new Dictionary<string, EntityView>(StringComparer.Ordinal);
        foreach (var ofType in members.GroupBy(EntityType.TypeFromGrainKey))
        {
            var memberOf = ofType.ToDictionary(m => EntityGrains.Get(grains, ofType.Key, EntityType.IdFromGrainKey(m)).GetGrainId());
            foreach (var (grain, view) in await ReadType(stored, ofType.Key, [.. memberOf.Keys]))
                views[memberOf[grain]] = view;
        }
        return views;
    }

    // An entity grain stores its state under its entity type's name (its [PersistentState]).
    private static Task<IEnumerable<(GrainId, EntityView)>> ReadType(IStoredStates stored, string entityType, IReadOnlyList<GrainId> grains) =>
        entityType switch
        {
            EntityType.District => Of<DistrictView>(stored, entityType, grains),
            EntityType.Zone => Of<ZoneView>(stored, entityType, grains),
            EntityType.Checkpoint => Of<CheckpointView>(stored, entityType, grains),
            EntityType.Site => Of<SiteView>(stored, entityType, grains),
            EntityType.Office => Of<OfficeView>(stored, entityType, grains),
            EntityType.Route => Of<RouteView>(stored, entityType, grains),
            _ => throw new ArgumentOutOfRangeException(nameof(entityType), entityType, "not an entity type"),
        };

    // A stored state without a current view is an entity that never came to exist: left out.
    private static async Task<IEnumerable<(GrainId, EntityView)>> Of<TView>(IStoredStates stored, string stateName, IReadOnlyList<GrainId> grains)
        where TView : EntityView =>
        from s in await stored.ReadMany<EntityState<TView>>(stateName, grains)
        where s.State.Current is not null
        select (s.Grain, (EntityView)s.State.Current!);
}
