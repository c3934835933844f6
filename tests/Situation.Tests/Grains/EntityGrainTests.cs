using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Entities;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class EntityGrainTests(GrainCluster cluster)
{
    private static readonly Actor Operator = new("operator-viettel");
    private static readonly GeoShape Square = new("""{"type":"Polygon","coordinates":[[[108,13.9],[108.1,13.9],[108.1,14],[108,14],[108,13.9]]]}""");

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private ISiteGrain Site(string id) => cluster.Grains.Get<ISiteGrain>(EntityType.Site, id);

    private static SiteRegistration Bts(string district = "622") =>
        new("viettel", "bts", null, new GeoPoint(108.0, 13.97), null, null, district);

    private static SiteReport Report(string health, string power = "grid", int? battery = null, DateTimeOffset? at = null) =>
        new(health, power, battery, [], at);

    [Fact]
    public async Task A_new_site_starts_at_version_one_with_unknown_effective_health()
    {
        var result = await Site(NewId("s")).Register(Bts(), Operator);

        Assert.Equal(WriteOutcome.Created, result.Outcome);
        Assert.Equal(1, result.View!.Version);
        Assert.Equal("unknown", result.View.EffectiveHealth);
        Assert.Equal(SiteView.DefaultBtsCoverageRadiusM, result.View.CoverageRadiusM);
        Assert.Null(result.View.LastReportAt);
    }

    [Fact]
    public async Task A_changed_report_bumps_the_version_and_a_repeat_is_a_heartbeat()
    {
        var site = Site(NewId("s"));
        await site.Register(Bts(), Operator);

        var down = await site.Report(Report("down", "battery", 40), Operator);
        cluster.Clock.Advance(TimeSpan.FromSeconds(20));
        var repeat = await site.Report(Report("down", "battery", 40), Operator);

        Assert.Equal(WriteOutcome.Changed, down.Outcome);
        Assert.Equal(2, down.View!.Version);
        Assert.Equal("down", down.View.EffectiveHealth);
        Assert.Equal(WriteOutcome.Heartbeat, repeat.Outcome);
        Assert.Equal(2, repeat.View!.Version);
        Assert.Equal(down.View.LastReportAt + TimeSpan.FromSeconds(20), repeat.View.LastReportAt);
    }

    [Fact]
    public async Task Heartbeats_are_written_at_most_once_a_minute_so_lastReportAt_survives_within_a_minute()
    {
        var site = Site(NewId("s"));
        await site.Register(Bts(), Operator);
        await site.Report(Report("up"), Operator);
        var afterChange = await cluster.Stored<EntityState<SiteView>>("site", site);

        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        await site.Report(Report("up"), Operator);
        var afterQuickHeartbeat = await cluster.Stored<EntityState<SiteView>>("site", site);

        cluster.Clock.Advance(TimeSpan.FromSeconds(31));
        var late = await site.Report(Report("up"), Operator);
        var afterLateHeartbeat = await cluster.Stored<EntityState<SiteView>>("site", site);

        Assert.Equal(afterChange.ETag, afterQuickHeartbeat.ETag);
        Assert.NotEqual(afterChange.ETag, afterLateHeartbeat.ETag);
        Assert.Equal(late.View!.LastReportAt, afterLateHeartbeat.State!.Current!.LastReportAt);
        Assert.Equal(2, afterLateHeartbeat.State!.Current!.Version);
    }

    [Fact]
    public async Task A_report_older_than_the_last_one_is_ignored()
    {
        var site = Site(NewId("s"));
        await site.Register(Bts(), Operator);
        var now = cluster.Clock.GetUtcNow();
        await site.Report(Report("degraded", at: now), Operator);

        var old = await site.Report(Report("down", at: now - TimeSpan.FromMinutes(5)), Operator);

        Assert.Equal(WriteOutcome.Outdated, old.Outcome);
        Assert.Equal("degraded", old.View!.Health);
        Assert.Equal(2, old.View.Version);
    }

    [Fact]
    public async Task A_deactivated_site_comes_back_with_its_persisted_state_including_an_unwritten_heartbeat()
    {
        var site = Site(NewId("s"));
        await site.Register(Bts(), Operator);
        await site.Report(Report("down", "battery", 25), Operator);
        cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        var heartbeat = await site.Report(Report("down", "battery", 25), Operator);

        await cluster.Cluster.DeactivateAsync(site);
        var reloaded = (SiteView?)await site.GetView();

        Assert.NotNull(reloaded);
        Assert.Equal(2, reloaded.Version);
        Assert.Equal("down", reloaded.Health);
        Assert.Equal(25, reloaded.BatteryMinutes);
        Assert.Equal(heartbeat.View!.LastReportAt, reloaded.LastReportAt);
    }

    [Fact]
    public async Task Versions_grow_by_one_per_change_under_concurrent_reports()
    {
        var site = Site(NewId("s"));
        await site.Register(Bts(), Operator);

        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            site.Report(Report("degraded", "battery", i), Operator)));

        Assert.All(results, r => Assert.Equal(WriteOutcome.Changed, r.Outcome));
        Assert.Equal(Enumerable.Range(2, 40).Select(v => (long)v), results.Select(r => r.View!.Version).Order());
        Assert.Equal(41, ((SiteView?)await site.GetView())!.Version);
    }

    [Fact]
    public async Task A_report_for_a_site_that_was_never_registered_finds_nothing()
    {
        var result = await Site(NewId("s")).Report(Report("up"), Operator);

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Null(result.View);
    }

    [Fact]
    public async Task A_zone_is_declared_once_edited_and_lifted()
    {
        var id = NewId("z");
        var zone = cluster.Grains.Get<IZoneGrain>(EntityType.Zone, id);
        var definition = new ZoneDefinition("622", "Thôn 3", Square, null);

        var created = await zone.Create(definition, Operator);
        var again = await zone.Create(definition, Operator);
        var renamed = await zone.Update(definition with { Name = "Thôn 3 và 4" }, Operator);
        var same = await zone.Update(definition with { Name = "Thôn 3 và 4" }, Operator);
        var lifted = await zone.Lift(Operator);
        var liftedAgain = await zone.Lift(Operator);

        Assert.Equal((WriteOutcome.Created, 1L, "active"), (created.Outcome, created.View!.Version, created.View.Status));
        Assert.Equal(WriteOutcome.AlreadyExists, again.Outcome);
        Assert.Equal((WriteOutcome.Changed, 2L), (renamed.Outcome, renamed.View!.Version));
        Assert.Equal((WriteOutcome.Unchanged, 2L), (same.Outcome, same.View!.Version));
        Assert.Equal((WriteOutcome.Changed, 3L, "lifted"), (lifted.Outcome, lifted.View!.Version, lifted.View.Status));
        Assert.Equal(cluster.Clock.GetUtcNow(), lifted.View.Until);
        Assert.Equal((WriteOutcome.Unchanged, 3L), (liftedAgain.Outcome, liftedAgain.View!.Version));
    }

    [Fact]
    public async Task Updating_or_lifting_a_zone_that_does_not_exist_finds_nothing()
    {
        var zone = cluster.Grains.Get<IZoneGrain>(EntityType.Zone, NewId("z"));

        Assert.Equal(WriteOutcome.NotFound, (await zone.Update(new ZoneDefinition("622", "x", Square, null), Operator)).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await zone.Lift(Operator)).Outcome);
    }

    [Fact]
    public async Task A_district_level_changes_once_and_keeps_its_geography()
    {
        var id = NewId("d");
        var district = cluster.Grains.Get<IDistrictGrain>(EntityType.District, id);
        await district.Register(new DistrictRegistration("Thử", null, 1000, Square, false), Actor.System);

        var lockdown = await district.SetLevel("lockdown", "F0 trong cộng đồng", new Actor("district-622"));
        var repeat = await district.SetLevel("lockdown", "F0 trong cộng đồng", new Actor("district-622"));
        var reregistered = await district.Register(new DistrictRegistration("Thử", null, 1200, Square, false), Actor.System);

        Assert.Equal((WriteOutcome.Changed, 2L, "district-622"), (lockdown.Outcome, lockdown.View!.Version, lockdown.View.UpdatedBy));
        Assert.Equal(WriteOutcome.Unchanged, repeat.Outcome);
        Assert.Equal(("lockdown", 1200L, 3L), (reregistered.View!.Level, reregistered.View.Population, reregistered.View.Version));
        Assert.Contains(id, await cluster.Grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds());
    }

    [Fact]
    public async Task A_checkpoint_patch_changes_wifi_and_a_repeat_only_refreshes_the_report_time()
    {
        var checkpoint = cluster.Grains.Get<ICheckpointGrain>(EntityType.Checkpoint, NewId("c"));
        await checkpoint.Save(new CheckpointDefinition("622", "Chốt QL19", "QL19", new GeoPoint(108.1, 13.98), null, null, null), Operator);

        var wifiOn = await checkpoint.Patch(new CheckpointPatch(null, null, null, "ok", "viettel", null), Operator);
        cluster.Clock.Advance(TimeSpan.FromMinutes(2));
        var repeat = await checkpoint.Patch(new CheckpointPatch(null, null, null, "ok", null, null), Operator);

        Assert.Equal((WriteOutcome.Changed, 2L, "ok", "viettel"), (wifiOn.Outcome, wifiOn.View!.Version, wifiOn.View.Wifi, wifiOn.View.WifiOperator));
        Assert.Equal((WriteOutcome.Heartbeat, 2L), (repeat.Outcome, repeat.View!.Version));
        Assert.Equal(wifiOn.View.LastReportAt + TimeSpan.FromMinutes(2), repeat.View.LastReportAt);
    }

    [Fact]
    public async Task Post_offices_and_routes_take_status_reports()
    {
        var office = cluster.Grains.Get<IOfficeGrain>(EntityType.Office, NewId("o"));
        var route = cluster.Grains.Get<IRouteGrain>(EntityType.Route, NewId("r"));
        await office.Register(new OfficeRegistration("vnpost", "622", "Bưu điện Pleiku", new GeoPoint(108.0, 13.98)), Operator);
        await route.Register(new RouteRegistration("vnpost", "Tuyến QL19", new GeoShape("""{"type":"LineString","coordinates":[[108,13.98],[108.6,13.96]]}"""), [], ["622"]), Operator);

        var closed = await office.Report(new StatusReport("closed", null), Operator);
        var suspended = await route.Report(new StatusReport("suspended", null), Operator);
        var suspendedAgain = await route.Report(new StatusReport("suspended", null), Operator);

        Assert.Equal(("closed", 2L), (closed.View!.Status, closed.View.Version));
        Assert.Equal(("suspended", 2L), (suspended.View!.Status, suspended.View.Version));
        Assert.Equal(WriteOutcome.Heartbeat, suspendedAgain.Outcome);
    }
}
