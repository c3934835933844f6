using Situation.Contracts.Views;

namespace Situation.Contracts.Grains;

/// <summary>
/// The read side: one index per district (and one for the province-wide routes) holds the compact
/// view of every entity in it, so lists and snapshots call a handful of grains, never one per entity.
/// Keyed by <see cref="IndexKey"/>.
/// </summary>
[Alias("situation.IIndexGrain")]
public interface IIndexGrain : IGrainWithStringKey
{
    /// <summary>Publishes an entity's new view; older versions than the one held are ignored.</summary>
    [Alias("Put")] Task Put(EntityView view);

    /// <summary>Forgets an entity that moved to another index.</summary>
    [Alias("Remove")] Task Remove(string entityType, string id);

    /// <summary>The views of one entity type, or of all types when <paramref name="entityType"/> is null.</summary>
    [Alias("Read")] Task<EntityView[]> Read(string? entityType);
}

public static class IndexKey
{
    public const string ProvinceWide = "index/province";

    public static string For(EntityView view) => view.IndexDistrictId is { } district ? ForDistrict(district) : ProvinceWide;

    public static string ForDistrict(string districtId) => $"index/district/{districtId}";
}
