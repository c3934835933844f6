using System.Collections.Frozen;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Contracts.Entities;

/// <summary>The entity types of the platform, one row each, in the order the snapshot lists them.</summary>
public static class EntityTable
{
    public static readonly IReadOnlyList<EntityDescriptor> All =
    [
        new(EntityType.District, "districts", "/api/districts", typeof(IDistrictGrain), typeof(DistrictView), "boundary", OwnedBy.District, IndexPlacement.District),
        new(EntityType.Zone, "zones", "/api/zones", typeof(IZoneGrain), typeof(ZoneView), "boundary", OwnedBy.District, IndexPlacement.District),
        new(EntityType.Checkpoint, "checkpoints", "/api/checkpoints", typeof(ICheckpointGrain), typeof(CheckpointView), "location", OwnedBy.District, IndexPlacement.District),
        new(EntityType.Site, "sites", "/api/sites", typeof(ISiteGrain), typeof(SiteView), "location", OwnedBy.Operator, IndexPlacement.District),
        new(EntityType.Office, "offices", "/api/postal/offices", typeof(IOfficeGrain), typeof(OfficeView), "location", OwnedBy.Operator, IndexPlacement.District),
        new(EntityType.Route, "routes", "/api/postal/routes", typeof(IRouteGrain), typeof(RouteView), "path", OwnedBy.Operator, IndexPlacement.ProvinceWide),
    ];

    private static readonly FrozenDictionary<string, EntityDescriptor> ByType = All.ToFrozenDictionary(d => d.Type, StringComparer.Ordinal);

    /// <summary>The row of an entity type; throws for a word that names none.</summary>
    public static EntityDescriptor Of(string type) =>
        ByType.TryGetValue(type, out var descriptor)
            ? descriptor
            : throw new ArgumentOutOfRangeException(nameof(type), type, "not an entity type");

    /// <summary>The row of an entity type, or null for a word that names none (such as "flag").</summary>
    public static EntityDescriptor? Find(string? type) => type is not null && ByType.TryGetValue(type, out var d) ? d : null;
}
