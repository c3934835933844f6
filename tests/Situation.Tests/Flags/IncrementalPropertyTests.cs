using Situation.Contracts.Views;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Flags;

/// <summary>
/// Property: however the changes arrive, the incremental result equals a from-scratch computation
/// over the whole province with the final state of every entity.
/// </summary>
public sealed class IncrementalPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Incremental_flags_equal_a_recomputation_from_scratch(int seed)
    {
        var random = new Random(seed);
        var incremental = new EngineWorld();
        var final = new Dictionary<string, Action<EngineWorld>>();

        void Do(string key, Action<EngineWorld> change)
        {
            change(incremental);
            final[key] = change;
        }

        Do("district", w => w.District("d1", EngineWorld.Squares((-20_000, -20_000, 40_000))));
        for (var step = 0; step < 150; step++)
        {
            var roll = random.NextDouble();
            if (roll < 0.15)
            {
                var id = $"z{random.Next(6)}";
                var (x, y, side) = (random.Next(-15_000, 12_000), random.Next(-15_000, 12_000), random.Next(500, 5000));
                var status = random.NextDouble() < 0.2 ? "lifted" : "active";
                Do("zone" + id, w => w.Zone(id, EngineWorld.Squares((x, y, side)), status));
            }
            else if (roll < 0.25)
            {
                var id = $"ex{random.Next(3)}";
                var health = random.NextDouble() < 0.4 ? "down" : "up";
                Do("site" + id, w => w.Site(id, 0, 0, kind: "exchange", health: health));
            }
            else
            {
                var id = $"s{random.Next(25)}";
                var (x, y) = (random.Next(-18_000, 18_000), random.Next(-18_000, 18_000));
                var health = new[] { "up", "up", "degraded", "down" }[random.Next(4)];
                var upstream = random.NextDouble() < 0.5 ? $"ex{random.Next(3)}" : null;
                var radius = random.Next(1000, 6000);
                var power = random.NextDouble() < 0.3 ? "battery" : "grid";
                int? battery = power == "battery" ? random.Next(10, 120) : null;
                var reportedAt = incremental.Clock.GetUtcNow() - TimeSpan.FromMinutes(random.Next(0, 25));
                Do("site" + id, w => w.Site(id, x, y, health, radius, upstream: upstream, power: power, battery: battery, reportedAt: reportedAt));
            }
        }

        var scratch = new EngineWorld();
        foreach (var change in final.Values.Reverse())
            change(scratch);

        Assert.Equal(Describe(scratch.Engine.OpenFlags), Describe(incremental.Engine.OpenFlags));
        Assert.Equal(Json.Of(scratch.Engine.PowerPriority()), Json.Of(incremental.Engine.PowerPriority()));
    }

    private static string[] Describe(IEnumerable<FlagView> flags) => flags
        .Select(f => $"{f.Id} {f.Severity} {string.Join(",", f.Detail.OrderBy(d => d.Key).Select(d => $"{d.Key}={d.Value:R}"))} [{string.Join(",", f.Related)}]")
        .Order(StringComparer.Ordinal).ToArray();
}
