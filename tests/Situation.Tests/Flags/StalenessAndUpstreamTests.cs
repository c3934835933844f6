using Situation.Contracts.Grains;
using Situation.Contracts.Views;

namespace Situation.Tests.Flags;

/// <summary>Effective health in time (a fake clock, never waiting) and along the upstream graph.</summary>
public sealed class StalenessAndUpstreamTests
{
    [Fact]
    public void A_site_silent_past_its_15_minute_window_becomes_unknown_with_a_stale_report_until_it_reports()
    {
        var world = new EngineWorld();
        world.Zone("z", EngineWorld.Squares((-500, -500, 1000)));
        world.Site("s1", 0, 0);
        world.Engine.DrainDerivedChanges();

        world.Clock.Advance(TimeSpan.FromMinutes(15));
        world.Engine.Tick();
        Assert.Null(world.Flag(FlagKind.StaleReport, "site", "s1"));

        world.Clock.Advance(TimeSpan.FromSeconds(1));
        world.Engine.Tick();
        var stale = world.Flag(FlagKind.StaleReport, "site", "s1")!;
        Assert.Equal(15, stale.Detail["minutesSinceReport"], precision: 1);
        Assert.Equal([("site", "s1", new DerivedState(Stale: true, UpstreamDown: false), 1L)], world.Engine.DrainDerivedChanges());
        Assert.Equal("critical", world.Flag(FlagKind.ConnectivityGap, "zone", "z")!.Severity); // unknown does not cover

        world.Site("s1", 0, 0);
        Assert.Null(world.Flag(FlagKind.StaleReport, "site", "s1"));
        Assert.Null(world.Flag(FlagKind.ConnectivityGap, "zone", "z"));
    }

    [Fact]
    public void Checkpoints_go_stale_after_an_hour_and_routes_and_offices_after_a_day()
    {
        var world = new EngineWorld();
        world.Checkpoint("c1", wifi: "ok");
        world.Office("o1", 0, 0);
        world.Route("r1", EngineWorld.Line((0, 0), (1000, 0)));

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        world.Engine.Tick();
        Assert.NotNull(world.Flag(FlagKind.StaleReport, "checkpoint", "c1"));
        Assert.NotNull(world.Flag(FlagKind.CheckpointNoWifi, "checkpoint", "c1"));
        Assert.Null(world.Flag(FlagKind.StaleReport, "office", "o1"));

        world.Clock.Advance(TimeSpan.FromHours(23));
        world.Engine.Tick();
        Assert.NotNull(world.Flag(FlagKind.StaleReport, "office", "o1"));
        Assert.NotNull(world.Flag(FlagKind.StaleReport, "route", "r1"));
    }

    [Fact]
    public void An_exchange_outage_takes_down_its_chain_with_one_root_cause_flag_and_recovers()
    {
        var world = new EngineWorld();
        world.Zone("z", EngineWorld.Squares((-500, -500, 1000)));
        world.Site("ex", 5000, 5000, kind: "exchange");
        world.Site("tx", 4000, 4000, kind: "transmission", upstream: "ex");
        world.Site("b1", 0, 0, upstream: "tx");
        world.Site("b2", 200, 0, upstream: "tx");
        world.Site("b3", 0, 200, upstream: "tx");
        world.Engine.DrainDerivedChanges();

        world.Site("ex", 5000, 5000, kind: "exchange", health: "down");
        // Cut off, the sites behind it cannot report either: they go silent, while the exchange's
        // own network system goes on reporting it down.
        world.Clock.Advance(TimeSpan.FromMinutes(20));
        world.Site("ex", 5000, 5000, kind: "exchange", health: "down");
        world.Engine.Tick();

        var outage = Assert.Single(world.Engine.OpenFlags, f => f.Kind == FlagKind.UpstreamOutage);
        Assert.Equal(FlagView.IdFor(FlagKind.UpstreamOutage, "site", "ex"), outage.Id);
        Assert.Equal((4.0, 3.0), (outage.Detail["dependents"], outage.Detail["bts"]));
        Assert.Equal(["b1", "b2", "b3", "tx"], outage.Related);
        Assert.DoesNotContain(world.Engine.OpenFlags, f => f.Kind == FlagKind.StaleReport && f.Subject.Id != "ex");
        Assert.Equal("critical", world.Flag(FlagKind.ConnectivityGap, "zone", "z")!.Severity);
        var derived = world.Engine.DrainDerivedChanges().ToDictionary(d => d.Id, d => d.State);
        Assert.True(derived["b1"].UpstreamDown && derived["tx"].UpstreamDown);

        foreach (var (id, east, north, kind, upstream) in new[] { ("ex", 5000, 5000, "exchange", (string?)null), ("tx", 4000, 4000, "transmission", "ex"),
                     ("b1", 0, 0, "bts", "tx"), ("b2", 200, 0, "bts", "tx"), ("b3", 0, 200, "bts", "tx") })
            world.Site(id, east, north, kind: kind, upstream: upstream);

        Assert.Empty(world.Engine.OpenFlags);
    }

    [Fact]
    public void A_cycle_in_the_upstream_graph_does_not_hang_the_engine()
    {
        var world = new EngineWorld();
        world.Site("a", 0, 0, kind: "exchange", upstream: "b");
        world.Site("b", 0, 0, kind: "exchange", upstream: "a");

        world.Site("a", 0, 0, kind: "exchange", upstream: "b", health: "down");

        Assert.NotNull(world.Flag(FlagKind.UpstreamOutage, "site", "a"));
    }
}
