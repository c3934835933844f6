namespace Situation.Grains.ReadSide;

/// <summary>
/// What an index persists: only which entities it lists ("type/id"). Their views are rebuilt from the
/// entity grains on activation, so the index can never disagree with the durable state of an entity.
/// </summary>
[GenerateSerializer, Alias("situation.index-state")]
public sealed class IndexState
{
    [Id(0)] public HashSet<string> Members { get; set; } = [];
}
