namespace Situation.Contracts.Grains;

/// <summary>What the flag engine derives about a reporting entity and writes back onto it.</summary>
[GenerateSerializer, Immutable, Alias("situation.derived-state")]
public sealed record DerivedState([property: Id(0)] bool Stale, [property: Id(1)] bool UpstreamDown);
