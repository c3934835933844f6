namespace Situation.Contracts.Model;

/// <summary>A WGS84 point (lon/lat), as GeoJSON orders it.</summary>
[GenerateSerializer, Immutable, Alias("situation.geo-point")]
public readonly record struct GeoPoint([property: Id(0)] double Lon, [property: Id(1)] double Lat);
