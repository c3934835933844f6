namespace Situation.Grains.ReadSide;

/// <summary>
/// What an index persists: only which entities it lists ("type/id"). Their views are read from the
/// entities' own stored states on activation (<see cref="StoredViews"/>), so the index can never
/// disagree with the durable state of an entity, and keeps no second copy of it to fall out of step.
/// </summary>
[GenerateSerializer, Alias("situation.index-state")]
public sealed class IndexState
{
    [Id(0)] public HashSet<string> Members { get; set; } = [];
}
