using Situation.Contracts.Views;

namespace Situation.Grains.Flags;

/// <summary>What the flags grain persists: the partitions it routes to, and the province's summary history.</summary>
[GenerateSerializer, Alias("situation.flags-state")]
public sealed class FlagsState
{
    // Id 0 held the open flags before the engine was split by district: not reused.
    /// <summary>Every partition routed to, so that the flag list can gather them before the routing is built.</summary>
    [Id(2)] public List<string> Partitions { get; set; } = [];

    /// <summary>The summary sampled once a minute, the last day of it.</summary>
    [Id(1)] public List<SummaryPoint> History { get; set; } = [];
}
