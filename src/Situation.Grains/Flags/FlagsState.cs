using Situation.Contracts.Views;

namespace Situation.Grains.Flags;

/// <summary>
/// What the flags grain persists: the open flags as last written, so that after a restart a flag
/// that is still raised keeps its since, its acknowledgements and a growing version. The flags
/// themselves are always derived again from the entities.
/// </summary>
[GenerateSerializer, Alias("situation.flags-state")]
public sealed class FlagsState
{
    [Id(0)] public List<FlagView> Open { get; set; } = [];

    /// <summary>The summary sampled once a minute, the last day of it.</summary>
    [Id(1)] public List<SummaryPoint> History { get; set; } = [];
}
