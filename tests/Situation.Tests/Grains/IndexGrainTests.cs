using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class IndexGrainTests(GrainCluster cluster)
{
    private static readonly Actor Actor = new("test");

    private IIndexGrain Index(string district) => cluster.Grains.GetGrain<IIndexGrain>(IndexKey.ForDistrict(district));

    /// <summary>A district code no other test uses, so each test has its own index.</summary>
    private static string NewDistrict() => $"ix-{Guid.NewGuid():N}"[..12];

    /// <summary>A site registered in the district, with its id.</summary>
    private async Task<(ISiteGrain Site, string Id)> Registered(string district, string suffix)
    {
        var id = $"{district}-{suffix}";
        var site = cluster.Grains.Get<ISiteGrain>(EntityType.Site, id);
        await site.Register(At(district), Actor);
        return (site, id);
    }

    private static SiteRegistration At(string district) => new("vnpt", "bts", null, new GeoPoint(108.0, 13.97), 2500, null, district);

    private async Task<SiteView?> Listed(string district, string id) =>
        (await Index(district).Read(EntityType.Site)).OfType<SiteView>().SingleOrDefault(s => s.Id == id);

    [Fact]
    public async Task The_district_index_lists_the_newest_view_of_each_site()
    {
        var district = NewDistrict();
        var (site, id) = await Registered(district, "a");
        var down = await site.Report(new SiteReport("down", "none", null, ["power"], null), Actor);

        var listed = await Listed(district, id);

        Assert.Equal(Json.Of(down.View), Json.Of(listed));
    }

    [Fact]
    public async Task A_site_that_moves_to_another_district_leaves_the_old_index()
    {
        var from = NewDistrict();
        var to = NewDistrict();
        var (site, id) = await Registered(from, "m");

        await site.Register(At(to), Actor);

        Assert.Null(await Listed(from, id));
        Assert.Equal(2, (await Listed(to, id))!.Version);
    }

    [Fact]
    public async Task A_reactivated_index_rebuilds_the_same_views_from_its_entities()
    {
        var district = NewDistrict();
        var ids = Enumerable.Range(0, 30).Select(i => $"{district}-{i}").ToArray();
        await Task.WhenAll(ids.Select(async id =>
        {
            var site = cluster.Grains.Get<ISiteGrain>(EntityType.Site, id);
            await site.Register(At(district), Actor);
            await site.Report(new SiteReport("degraded", "generator", null, [], null), Actor);
        }));
        var before = (await Index(district).Read(null)).OrderBy(v => v.Id).ToArray();

        await cluster.Cluster.DeactivateAsync(Index(district));
        foreach (var id in ids.Take(10))
            await cluster.Cluster.DeactivateAsync(cluster.Grains.Get<ISiteGrain>(EntityType.Site, id));
        var after = (await Index(district).Read(null)).OrderBy(v => v.Id).ToArray();

        Assert.Equal(30, before.Length);
        Assert.Equal(before.Select(Json.Of), after.Select(Json.Of));
    }

    [Fact]
    public async Task A_reactivated_index_reads_its_members_from_the_storage_without_waking_them()
    {
        // Registered and never reported: the flags grain derives nothing new for them, so nothing
        // but the index could wake them again.
        var district = NewDistrict();
        var ids = Enumerable.Range(0, 20).Select(i => $"{district}-{i}").ToArray();
        var sites = ids.Select(id => cluster.Grains.Get<ISiteGrain>(EntityType.Site, id)).ToArray();
        await Task.WhenAll(sites.Select(site => site.Register(At(district), Actor)));
        var before = (await Index(district).Read(null)).OrderBy(v => v.Id).ToArray();

        await cluster.Cluster.DeactivateAsync(Index(district));
        foreach (var site in sites)
            await cluster.Cluster.DeactivateAsync(site);
        var after = (await Index(district).Read(null)).OrderBy(v => v.Id).ToArray();

        Assert.Equal(20, after.Length);
        Assert.Equal(before.Select(Json.Of), after.Select(Json.Of));
        var woken = (await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Select(s => s.GrainId).Intersect(sites.Select(s => s.GetGrainId())).ToList();
        Assert.Empty(woken);
    }

    [Fact]
    public async Task The_write_that_activates_an_index_again_still_goes_to_the_live_feed()
    {
        // As when the node holding the index dies: the next write activates it elsewhere, and its
        // rebuild reads that write's version from the entity before the write's own Put arrives.
        var district = NewDistrict();
        var (site, id) = await Registered(district, "back");
        await cluster.Cluster.DeactivateAsync(Index(district));

        var down = await site.Report(new SiteReport("down", "none", null, ["power"], null), Actor);

        Assert.Contains(cluster.Feed.Published, c => c.Id == id && c.Version == down.View!.Version);
    }

    [Fact]
    public async Task A_stored_change_its_index_could_not_take_reaches_the_live_feed_once_the_index_is_back()
    {
        // As when the index's node has just died: the write is stored, the call to the index fails.
        var district = NewDistrict();
        var (site, id) = await Registered(district, "cut");
        cluster.Unreachable.Cut(IndexKey.ForDistrict(district));
        try
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => site.Report(new SiteReport("down", "none", null, ["power"], null), Actor));
            Assert.Equal(2, (await site.GetView())!.Version);
            Assert.DoesNotContain(cluster.Feed.Published, c => c.Id == id && c.Version == 2);
        }
        finally
        {
            cluster.Unreachable.Restore(IndexKey.ForDistrict(district));
        }

        // The grain hands the stored view over again, every second, until the index takes it.
        var pushed = await cluster.Feed.Seen(c => c.Id == id && c.Version == 2, TimeSpan.FromSeconds(10));

        Assert.Equal("down", ((SiteView)pushed.Data!).Health);
        Assert.Equal(2, (await Listed(district, id))!.Version);
    }

    [Fact]
    public async Task A_write_whose_index_call_a_leaving_node_rejects_is_sent_again_and_succeeds()
    {
        // As in a rolling restart: the index's old node refuses the call before running it; sent
        // again, it reaches the index where it lives next.
        var district = NewDistrict();
        var (site, id) = await Registered(district, "moved");
        cluster.Unreachable.Refuse(IndexKey.ForDistrict(district), times: 2);

        var written = await site.Report(new SiteReport("down", "none", null, ["power"], null), Actor);

        Assert.Equal(0, cluster.Unreachable.RefusalsLeft(IndexKey.ForDistrict(district)));
        Assert.Equal(2, written.View!.Version);
        Assert.Single(cluster.Feed.Published, c => c.Id == id && c.Version == 2);
        Assert.Equal(2, (await Listed(district, id))!.Version);
    }

    [Fact]
    public async Task Each_new_version_goes_to_the_live_feed_once_and_heartbeats_do_not()
    {
        var district = NewDistrict();

        var (site, id) = await Registered(district, "live");
        await site.Report(new SiteReport("down", "battery", 20, [], null), Actor);
        await site.Report(new SiteReport("down", "battery", 20, [], null), Actor);

        var published = cluster.Feed.Published.Where(c => c.Id == id).ToArray();
        Assert.Equal([1L, 2L], published.Select(c => c.Version));
        Assert.All(published, c => Assert.Equal(("site", false, district), (c.Type, c.Deleted, c.DistrictIds.Single())));
        Assert.Equal("down", ((SiteView)published[1].Data!).Health);
    }
}
