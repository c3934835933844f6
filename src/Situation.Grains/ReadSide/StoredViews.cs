using System.Collections.Frozen;
using System.Reflection;
using Situation.Contracts.Entities;
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
    private delegate Task<IEnumerable<(GrainId, EntityView)>> TypeReader(IStoredStates stored, string stateName, IReadOnlyList<GrainId> grains);

    // The storage reads a state as its stored type, EntityState<TView>: one reader per row of the table.
    private static readonly FrozenDictionary<string, TypeReader> Readers = EntityTable.All.ToFrozenDictionary(
        entity => entity.Type,
        entity => typeof(StoredViews).GetMethod(nameof(Of), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(entity.View).CreateDelegate<TypeReader>(),
        StringComparer.Ordinal);

    /// <summary>The stored view of each member ("type/id") that has one.</summary>
    public static async Task<Dictionary<string, EntityView>> Read(IStoredStates stored, IGrainFactory grains, IEnumerable<string> members)
    {
        var views = new Dictionary<string, EntityView>(StringComparer.Ordinal);
        foreach (var ofType in members.GroupBy(EntityType.TypeFromGrainKey))
        {
            var entity = EntityTable.Of(ofType.Key);
            var memberOf = ofType.ToDictionary(m => entity.GrainOf(grains, EntityType.IdFromGrainKey(m)).GetGrainId());
            // An entity grain stores its state under its entity type's name (its [PersistentState]).
            foreach (var (grain, view) in await Readers[entity.Type](stored, entity.Type, [.. memberOf.Keys]))
                views[memberOf[grain]] = view;
        }
        return views;
    }

    // A stored state without a current view is an entity that never came to exist: left out.
    private static async Task<IEnumerable<(GrainId, EntityView)>> Of<TView>(IStoredStates stored, string stateName, IReadOnlyList<GrainId> grains)
        where TView : EntityView =>
        from s in await stored.ReadMany<EntityState<TView>>(stateName, grains)
        where s.State.Current is not null
        select (s.Grain, (EntityView)s.State.Current!);
}
