using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Contracts.Views;
using Situation.Server.Geography;

namespace Situation.Server.Api;

/// <summary>Reads lists and snapshots from the index grains: one call per district, never one per entity.</summary>
public sealed class SituationReader(IGrainFactory grains, ProvinceGeography geography)
{
    public async Task<IEnumerable<EntityView>> List(string entityType, string? districtId = null)
    {
        if (EntityTable.Of(entityType).Index == IndexPlacement.ProvinceWide)
        {
            var all = await grains.GetGrain<IIndexGrain>(IndexKey.ProvinceWide).Read(entityType);
            return districtId is null ? all : all.Where(v => v.ScopeDistrictIds.Contains(districtId));
        }
        var districts = districtId is null ? geography.DistrictIds : [districtId];
        var parts = await Task.WhenAll(districts.Select(d => grains.GetGrain<IIndexGrain>(IndexKey.ForDistrict(d)).Read(entityType)));
        return parts.SelectMany(p => p);
    }

    /// <summary>Every entity of the province, by type, read from all indexes at once.</summary>
    public async Task<ILookup<string, EntityView>> Snapshot()
    {
        var keys = geography.DistrictIds.Select(IndexKey.ForDistrict).Append(IndexKey.ProvinceWide);
        var parts = await Task.WhenAll(keys.Select(k => grains.GetGrain<IIndexGrain>(k).Read(null)));
        return parts.SelectMany(p => p).ToLookup(v => v.EntityType);
    }
}
