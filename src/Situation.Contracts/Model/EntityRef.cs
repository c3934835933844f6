namespace Situation.Contracts.Model;

/// <summary>An entity of the map named by its type word and id (<c>site</c>, <c>BTS-622-001</c>).</summary>
[GenerateSerializer, Immutable, Alias("situation.entity-ref")]
public sealed record EntityRef([property: Id(0)] string Type, [property: Id(1)] string Id)
{
    public override string ToString() => $"{Type}:{Id}";
}
