namespace Situation.Contracts.Model;

/// <summary>
/// A validated GeoJSON geometry kept as its text. NetTopologySuite types are not Orleans-serialisable,
/// and keeping the text lets lists and snapshots write it out without re-encoding.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.geo-shape")]
public sealed record GeoShape([property: Id(0)] string GeoJson);
