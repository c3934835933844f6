using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class FlagsGrainTests(GrainCluster cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_a_restart_the_flag_list_answers_from_the_stored_flags_while_the_engine_is_built_even_behind_a_call_that_waits_for_it_and_every_stored_flag_is_then_superseded_live()
    {
        // A site that never reported is stale: at least one flag is open.
        var id = $"fg-{Guid.NewGuid():N}"[..12];
        await cluster.Grains.Get<ISiteGrain>(EntityType.Site, id)
            .Register(new SiteRegistration("vnpt", "bts", null, new GeoPoint(108.0, 13.97), 2500, null, "622"), new Actor("test"));
        var flags = cluster.Grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key);
        Assert.Contains(await flags.List(null, null), f => f.Subject.Id == id);
        // The flag is its district's partition's; both it and the router restart.
        var partition = cluster.Grains.GetGrain<IFlagPartitionGrain>("622");
        await cluster.Cluster.DeactivateAsync(partition);
        await cluster.Cluster.DeactivateAsync(flags);
        var stored = (await cluster.Stored<FlagPartitionState>("flags", partition)).State!.Open;
        Assert.Contains(stored, f => f.Subject.Id == id);

        // The router's build reads every index, and the partition's build waits for the router:
        // an index that does not answer holds both back.
        var buildWaits = cluster.Unreachable.Hold(IndexKey.ProvinceWide);
        Task<Dictionary<string, DistrictCounters>> counters;
        try
        {
            // A call that needs the engine activates the grain and waits for the build; the list
            // does not queue behind it.
            counters = flags.Counters();
            await buildWaits.WaitAsync(Bound);
            var whileBuilding = await flags.List("622", null).WaitAsync(Bound);
            Assert.Equal(Versions(stored), Versions(whileBuilding));
        }
        finally
        {
            cluster.Unreachable.Release(IndexKey.ProvinceWide);
        }

        await counters.WaitAsync(Bound);
        foreach (var flag in stored)
            Assert.Contains(cluster.Feed.Published, c => c.Type == "flag" && c.Id == flag.Id && c.Version > flag.Version);
    }

    private static string[] Versions(IEnumerable<FlagView> flags) => [.. flags.Select(f => $"{f.Id}@{f.Version}").Order(StringComparer.Ordinal)];
}
