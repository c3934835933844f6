using Situation.Contracts.Grains;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Flags;

/// <summary>
/// Property: the flag engine split by district gives exactly the answers of one engine over the
/// whole province, whatever the changes — discs that reach across district borders, upstream
/// chains from one district into another (cycles included), zones past their district's edge,
/// entities that move district, routes through several districts, silence turning into staleness.
/// </summary>
public sealed class PartitionedPropertyTests
{
    private static readonly string[] Districts = ["d1", "d2", "d3", "d4"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Partitioned_flags_equal_one_engine_over_the_province(int seed)
    {
        var random = new Random(seed);
        var world = new EngineWorld();
        var partitioned = new PartitionedEngines(world.Engine.Settings, world.Clock);
        world.Emitted += partitioned.Apply;

        // Four districts of 20 km, one per quadrant around the centre.
        world.District("d1", EngineWorld.Squares((-20_000, -20_000, 20_000)));
        world.District("d2", EngineWorld.Squares((0, -20_000, 20_000)));
        world.District("d3", EngineWorld.Squares((-20_000, 0, 20_000)));
        world.District("d4", EngineWorld.Squares((0, 0, 20_000)));

        string DistrictAt(int x, int y) => random.NextDouble() < 0.1
            ? Districts[random.Next(Districts.Length)]
            : (x < 0, y < 0) switch { (true, true) => "d1", (false, true) => "d2", (true, false) => "d3", _ => "d4" };

        for (var step = 0; step < 300; step++)
        {
            var roll = random.NextDouble();
            var (x, y) = (random.Next(-19_000, 19_000), random.Next(-19_000, 19_000));
            if (roll < 0.1)
            {
                // Zones anywhere, some past their district's edge.
                var side = random.Next(500, 9000);
                world.Zone($"z{random.Next(8)}", EngineWorld.Squares((x, y, side)), random.NextDouble() < 0.2 ? "lifted" : "active", DistrictAt(x, y));
            }
            else if (roll < 0.2)
            {
                // Exchanges upstream of the sites, some behind another exchange in another district.
                var upstream = random.NextDouble() < 0.4 ? $"ex{random.Next(4)}" : null;
                var health = random.NextDouble() < 0.4 ? "down" : "up";
                world.Site($"ex{random.Next(4)}", x, y, health, kind: "exchange", upstream: upstream, district: DistrictAt(x, y));
            }
            else if (roll < 0.27)
            {
                var status = new[] { "open", "open", "closed" }[random.Next(3)];
                world.Office($"o{random.Next(5)}", x, y, status, DistrictAt(x, y));
            }
            else if (roll < 0.32)
            {
                var to = (random.Next(-19_000, 19_000), random.Next(-19_000, 19_000));
                var through = Districts.Where(_ => random.NextDouble() < 0.4).ToArray();
                world.Route($"r{random.Next(3)}", EngineWorld.Line((x, y), to), random.NextDouble() < 0.3 ? "suspended" : "running", through);
            }
            else if (roll < 0.36)
            {
                world.Checkpoint($"c{random.Next(4)}", random.NextDouble() < 0.5 ? "ok" : "none", district: DistrictAt(x, y),
                    reportedAt: world.Clock.GetUtcNow() - TimeSpan.FromMinutes(random.Next(0, 90)));
            }
            else if (roll < 0.4)
            {
                world.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 10)));
                world.Engine.Tick();
                partitioned.Tick();
            }
            else
            {
                var upstream = random.NextDouble() switch { < 0.4 => $"ex{random.Next(4)}", < 0.55 => $"s{random.Next(30)}", _ => null };
                var power = random.NextDouble() < 0.3 ? "battery" : "grid";
                world.Site($"s{random.Next(30)}", x, y, new[] { "up", "up", "degraded", "down" }[random.Next(4)], random.Next(1000, 7000),
                    upstream: upstream, power: power, battery: power == "battery" ? random.Next(10, 120) : null, district: DistrictAt(x, y),
                    reportedAt: world.Clock.GetUtcNow() - TimeSpan.FromMinutes(random.Next(0, 25)));
            }

            if (step % 50 == 49)
                AssertSame(world.Engine, partitioned, random);
        }
        AssertSame(world.Engine, partitioned, random);
    }

    private static void AssertSame(FlagEngine one, PartitionedEngines split, Random random)
    {
        Assert.Equal(Describe(one.OpenFlags), Describe(split.OpenFlags));
        Assert.Equal(Json.Of(one.PowerPriority()), Json.Of(split.PowerPriority()));
        var down = Enumerable.Range(0, 3).Select(_ => random.NextDouble() < 0.3 ? $"ex{random.Next(4)}" : $"s{random.Next(30)}").Distinct().ToArray();
        Assert.Equal(Json.Of(one.WhatIf(down)), Json.Of(split.WhatIf(down)));
        Assert.Equal(Json.Of(one.Counters().OrderBy(c => c.Key)), Json.Of(split.Counters().OrderBy(c => c.Key)));
        var at = DateTimeOffset.UnixEpoch;
        Assert.Equal(Json.Of(one.Summarise(at)), Json.Of(split.Summarise(at)));
        Assert.Equal(Derived(one.DrainDerivedChanges()), Derived(split.DrainDerivedChanges()));
    }

    private static string[] Describe(IEnumerable<FlagView> flags) => flags
        .Select(f => $"{f.Id} {f.DistrictId} {f.Severity} {string.Join(",", f.Detail.OrderBy(d => d.Key).Select(d => $"{d.Key}={d.Value:R}"))} [{string.Join(",", f.Related)}]")
        .Order(StringComparer.Ordinal).ToArray();

    private static string[] Derived(IEnumerable<(string Type, string Id, DerivedState State, long BasedOn)> changes) =>
        [.. changes.Select(c => $"{c.Type}/{c.Id} {c.State} @{c.BasedOn}").Order(StringComparer.Ordinal)];
}
