using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Situation.Grains.Entities;
using Situation.Grains.Flags;
using Situation.Grains.ReadSide;
using Situation.Server.Hosting;
using Situation.Server.Live;

namespace Situation.Tests.Hosting;

/// <summary>Every interval and limit of the grains and the live feed is a setting the host reads from configuration.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void The_grains_timings_come_from_the_configuration_sections_the_README_names()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Situation:Entities:HeartbeatWriteInterval"] = "00:00:07",
            ["Situation:Entities:IndexHandOverFor"] = "00:02:00",
            ["Situation:Entities:IndexHandOverEvery"] = "00:00:03",
            ["Situation:Indexes:RebuildEchoWindow"] = "00:00:45",
            ["Situation:Flags:BatchInterval"] = "00:00:00.050",
            ["Situation:Flags:BatchWaitFactor"] = "2.5",
            ["Situation:Flags:LongestBatchWait"] = "00:00:00.400",
            ["Situation:Flags:TickInterval"] = "00:00:10",
            ["Situation:Flags:PersistInterval"] = "00:00:02",
            ["Situation:Flags:StepBudget"] = "00:00:00.100",
            ["Situation:Flags:SummarySampleInterval"] = "00:05:00",
            ["Situation:Flags:SummaryHistory"] = "2.00:00:00",
            ["Situation:Live:FlushInterval"] = "00:00:00.040",
        });
        builder.AddSituation();
        using var services = builder.Services.BuildServiceProvider();

        var entities = services.GetRequiredService<IOptions<EntityOptions>>().Value;
        var indexes = services.GetRequiredService<IOptions<IndexOptions>>().Value;
        var flags = services.GetRequiredService<IOptions<FlagSettings>>().Value;
        var live = services.GetRequiredService<IOptions<LiveOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(3)),
            (entities.HeartbeatWriteInterval, entities.IndexHandOverFor, entities.IndexHandOverEvery));
        Assert.Equal(TimeSpan.FromSeconds(45), indexes.RebuildEchoWindow);
        Assert.Equal((TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100)),
            (flags.BatchInterval, flags.LongestBatchWait, flags.TickInterval, flags.PersistInterval, flags.StepBudget));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromDays(2), 2.5), (flags.SummarySampleInterval, flags.SummaryHistory, flags.BatchWaitFactor));
        Assert.Equal(TimeSpan.FromMilliseconds(40), live.FlushInterval);
    }
}
