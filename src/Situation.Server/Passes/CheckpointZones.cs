using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;

namespace Situation.Server.Passes;

/// <summary>A checkpoint, and the active quarantine zones of its district that it leads into.</summary>
public sealed record CheckpointKitEntry(string Id, string Name, string DistrictId, [property: Words("Wifi")] string Wifi, ZoneRef[] Zones);

public sealed record ZoneRef(string Id, string Name);

/// <summary>
/// Which zones a checkpoint guards: the active zones of its district within about 2 km of it (a
/// checkpoint stands on the road into a zone, not always on its boundary). What a pass's zones are
/// checked against at that checkpoint, online and offline.
/// </summary>
public static class CheckpointZones
{
    /// <summary>About 2 km in degrees at Gia Lai's latitude: near enough for a road checkpoint to guard the zone.</summary>
    private const double Reach = 0.018;

    public static async Task<CheckpointKitEntry?> Of(IGrainFactory grains, string checkpointId)
    {
        if (await grains.Get<ICheckpointGrain>(EntityType.Checkpoint, checkpointId).GetView() is not CheckpointView checkpoint)
            return null;
        var zones = await ZonesOf(grains, checkpoint.DistrictId);
        var at = Geo.ToPoint(checkpoint.Location);
        return new CheckpointKitEntry(checkpoint.Id, checkpoint.Name, checkpoint.DistrictId, checkpoint.Wifi,
            [.. zones.Where(z => Geo.Read(z.Boundary).Distance(at) <= Reach).Select(z => new ZoneRef(z.Id, z.Name))]);
    }

    /// <summary>The checkpoints an officer works at: those its scope names, and every checkpoint of the districts it names.</summary>
    public static async Task<IReadOnlyList<string>> OfficersCheckpoints(IGrainFactory grains, Actor actor)
    {
        var ids = new List<string>(WriteGate.CheckpointsOf(actor));
        foreach (var district in WriteGate.DistrictsWatchedBy(actor))
            ids.AddRange((await grains.GetGrain<IIndexGrain>(IndexKey.ForDistrict(district)).Read(EntityType.Checkpoint)).Select(c => c.Id).Order(StringComparer.Ordinal));
        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    public static async Task<ZoneView[]> ZonesOf(IGrainFactory grains, string districtId) =>
        [.. (await grains.GetGrain<IIndexGrain>(IndexKey.ForDistrict(districtId)).Read(EntityType.Zone)).OfType<ZoneView>().Where(z => z.Status == Words.ZoneStatus.Active)];
}
