using Situation.Contracts.Views;

namespace Situation.Grains.Flags;

/// <summary>
/// What a district's flag partition persists: its open flags as last written, so that after a
/// restart a flag that is still raised keeps its since, its acknowledgements and a growing version.
/// The flags themselves are always derived again from the entities.
/// </summary>
[GenerateSerializer, Alias("situation.flag-partition-state")]
public sealed class FlagPartitionState
{
    [Id(0)] public List<FlagView> Open { get; set; } = [];
}
