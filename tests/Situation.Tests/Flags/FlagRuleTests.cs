using Situation.Contracts.Views;

namespace Situation.Tests.Flags;

/// <summary>Each flag rule on hand-built geometry where the answer is known exactly.</summary>
public sealed class FlagRuleTests
{
    private const string Zone = "zone";
    private const string District = "district";
    private const string Gap = FlagKind.ConnectivityGap;

    [Fact]
    public void A_zone_inside_one_disc_is_fully_covered_and_loses_everything_when_the_site_goes_down()
    {
        var world = new EngineWorld();
        world.Zone("z", EngineWorld.Squares((-500, -500, 1000)));
        world.Site("s1", 0, 0);

        Assert.Null(world.Flag(Gap, Zone, "z"));

        world.Site("s1", 0, 0, health: "down");
        var flag = world.Flag(Gap, Zone, "z")!;
        Assert.Equal("critical", flag.Severity);
        Assert.Equal(0, flag.Detail["now"]);
        Assert.Equal(1, flag.Detail["base"]);
        Assert.Equal("d1", flag.DistrictId);

        world.Site("s1", 0, 0, health: "degraded");
        Assert.Null(world.Flag(Gap, Zone, "z"));
    }

    [Fact]
    public void Two_overlapping_discs_keep_a_zone_covered_while_either_is_up()
    {
        var world = new EngineWorld();
        world.Zone("z", EngineWorld.Squares((-500, -500, 1000)));
        world.Site("west", -1000, 0);
        world.Site("east", 1000, 0);

        world.Site("west", -1000, 0, health: "down");
        Assert.Null(world.Flag(Gap, Zone, "z"));

        world.Site("east", 1000, 0, health: "down");
        Assert.Equal("critical", world.Flag(Gap, Zone, "z")!.Severity);
    }

    [Fact]
    public void A_zone_half_outside_every_disc_has_a_base_of_one_half_and_is_flagged_only_below_three_quarters_of_it()
    {
        var world = new EngineWorld();
        // Two equal squares: one well inside the disc, one 20 km away from every disc.
        world.Zone("z", EngineWorld.Squares((-500, -500, 1000), (20_000, 20_000, 1000)));
        world.Site("s1", 0, 0);

        Assert.Null(world.Flag(Gap, Zone, "z"));
        world.Site("s1", 0, 0, health: "down");

        var flag = world.Flag(Gap, Zone, "z")!;
        Assert.Equal((0.0, 0.5), (flag.Detail["now"], flag.Detail["base"]));
    }

    [Fact]
    public void The_gap_is_raised_strictly_below_three_quarters_of_base_and_is_critical_strictly_below_five_percent()
    {
        var world = new EngineWorld();
        // Twenty equal squares 10 km apart, each covered by a disc of its own.
        var squares = Enumerable.Range(0, 20).Select(i => (i * 10_000.0 - 500, -500.0, 1000.0)).ToArray();
        world.Zone("z", EngineWorld.Squares(squares));
        for (var i = 0; i < 20; i++)
            world.Site($"s{i}", i * 10_000, 0);

        void Down(int count) { for (var i = 0; i < count; i++) world.Site($"s{i}", i * 10_000, 0, health: "down"); }

        Down(5); // 15 of 20 covered: now = 0.75 = 0.75 × base, not below it
        Assert.Null(world.Flag(Gap, Zone, "z"));
        Down(6); // 0.70
        Assert.Equal(("warning", 0.7), (world.Flag(Gap, Zone, "z")!.Severity, world.Flag(Gap, Zone, "z")!.Detail["now"]));
        Down(19); // 1 of 20: now = 0.05, not below it
        Assert.Equal(("warning", 0.05), (world.Flag(Gap, Zone, "z")!.Severity, world.Flag(Gap, Zone, "z")!.Detail["now"]));
        Down(20);
        Assert.Equal("critical", world.Flag(Gap, Zone, "z")!.Severity);
    }

    [Fact]
    public void An_area_no_disc_ever_reached_has_no_base_and_no_gap()
    {
        var world = new EngineWorld();
        world.District("d1", EngineWorld.Squares((50_000, 50_000, 5000)));
        world.Site("s1", 0, 0, health: "down");

        Assert.Null(world.Flag(Gap, District, "d1"));
    }

    [Fact]
    public void A_lifted_zone_is_no_longer_flagged()
    {
        var world = new EngineWorld();
        world.Zone("z", EngineWorld.Squares((-500, -500, 1000)));
        world.Site("s1", 0, 0, health: "down");
        Assert.NotNull(world.Flag(Gap, Zone, "z"));

        world.Zone("z", EngineWorld.Squares((-500, -500, 1000)), status: "lifted");

        Assert.Null(world.Flag(Gap, Zone, "z"));
    }

    [Fact]
    public void A_route_crossing_a_zone_corner_serves_it_so_its_suspension_is_a_critical_postal_gap()
    {
        var world = new EngineWorld();
        world.Zone("z", EngineWorld.Squares((0, 0, 1000)));
        world.Route("r1", EngineWorld.Line((-100, 900), (100, 1100))); // clips the north-west corner
        Assert.Null(world.Flag(FlagKind.PostalGap, Zone, "z"));

        world.Route("r1", EngineWorld.Line((-100, 900), (100, 1100)), status: "suspended");
        var flag = world.Flag(FlagKind.PostalGap, Zone, "z")!;
        Assert.Equal("critical", flag.Severity);
        Assert.Equal(1, flag.Detail["routes"]);

        world.Route("r1", EngineWorld.Line((-100, 900), (100, 1100)), status: "delayed");
        Assert.Null(world.Flag(FlagKind.PostalGap, Zone, "z"));
    }

    [Fact]
    public void A_district_served_only_by_an_office_has_a_warning_postal_gap_while_it_is_closed()
    {
        var world = new EngineWorld();
        world.District("d1", EngineWorld.Squares((0, 0, 5000)));
        world.Office("o1", 2500, 2500);
        Assert.Null(world.Flag(FlagKind.PostalGap, District, "d1"));

        world.Office("o1", 2500, 2500, status: "closed");
        Assert.Equal("warning", world.Flag(FlagKind.PostalGap, District, "d1")!.Severity);
        world.Route("elsewhere", EngineWorld.Line((10_000, 0), (20_000, 0)));
        Assert.NotNull(world.Flag(FlagKind.PostalGap, District, "d1"));
    }

    [Fact]
    public void An_area_never_served_by_post_has_no_postal_gap()
    {
        var world = new EngineWorld();
        world.District("d1", EngineWorld.Squares((0, 0, 5000)));
        world.Office("far", 50_000, 50_000, status: "closed");

        Assert.Null(world.Flag(FlagKind.PostalGap, District, "d1"));
    }

    [Fact]
    public void A_checkpoint_without_working_wifi_is_flagged_while_active()
    {
        var world = new EngineWorld();
        world.Checkpoint("c1", wifi: "ok");
        Assert.Null(world.Flag(FlagKind.CheckpointNoWifi, "checkpoint", "c1"));

        world.Checkpoint("c1", wifi: "down");
        Assert.Contains("wifi:down", world.Flag(FlagKind.CheckpointNoWifi, "checkpoint", "c1")!.Related);
        world.Checkpoint("c1", wifi: "none");
        Assert.NotNull(world.Flag(FlagKind.CheckpointNoWifi, "checkpoint", "c1"));
        world.Checkpoint("c1", wifi: "none", status: "closed");
        Assert.Null(world.Flag(FlagKind.CheckpointNoWifi, "checkpoint", "c1"));
    }

    [Fact]
    public void A_site_up_on_battery_is_power_critical_at_60_minutes_or_less()
    {
        var world = new EngineWorld();
        world.Site("s1", 0, 0, power: "battery", battery: 61);
        Assert.Null(world.Flag(FlagKind.PowerCritical, "site", "s1"));

        world.Site("s1", 0, 0, power: "battery", battery: 60);
        Assert.Equal(60, world.Flag(FlagKind.PowerCritical, "site", "s1")!.Detail["batteryMinutes"]);

        world.Site("s1", 0, 0, health: "down", power: "battery", battery: 10);
        Assert.Null(world.Flag(FlagKind.PowerCritical, "site", "s1"));
        world.Site("s1", 0, 0, power: "generator");
        Assert.Null(world.Flag(FlagKind.PowerCritical, "site", "s1"));
    }

    [Fact]
    public void A_flag_keeps_its_id_and_moves_its_version_while_its_detail_changes()
    {
        var world = new EngineWorld();
        var squares = Enumerable.Range(0, 4).Select(i => (i * 10_000.0 - 500, -500.0, 1000.0)).ToArray();
        world.Zone("z", EngineWorld.Squares(squares));
        for (var i = 0; i < 4; i++) world.Site($"s{i}", i * 10_000, 0);

        world.Site("s0", 0, 0, health: "down");
        world.Site("s1", 10_000, 0, health: "down");
        var first = world.Flag(Gap, Zone, "z")!;
        world.Site("s2", 20_000, 0, health: "down");
        var second = world.Flag(Gap, Zone, "z")!;

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Since, second.Since);
        Assert.True(second.Version > first.Version);
        Assert.Equal((0.5, 0.25), (first.Detail["now"], second.Detail["now"]));
    }
}
