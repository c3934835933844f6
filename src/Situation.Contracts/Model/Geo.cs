namespace Situation.Contracts.Model;

/// <summary>A WGS84 point (lon/lat), as GeoJSON orders it.</summary>
[GenerateSerializer, Immutable, Alias("situation.geo-point")]
public readonly record struct GeoPoint([property: Id(0)] double Lon, [property: Id(1)] double Lat);

/// <summary>
/// A validated GeoJSON geometry kept as its text. NetTopologySuite types are not Orleans-serialisable,
/// and keeping the text lets lists and snapshots write it out without re-encoding.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.geo-shape")]
public sealed record GeoShape([property: Id(0)] string GeoJson);
