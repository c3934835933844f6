namespace Situation.Contracts.Model;

/// <summary>A WGS84 point (lon/lat), as GeoJSON orders it.</summary>
[GenerateSerializer, Immutable, Alias("situation.geo-point")]
public readonly record struct GeoPoint([property: Id(0)] double Lon, [property: Id(1)] double Lat)
{
    /// <summary>
    /// Decimals kept of a coordinate, in and out: 7 is about a centimetre on the ground, finer than any
    /// position a site or a checkpoint is known to, and what GIS tools expect instead of 15 noisy digits.
    /// </summary>
    public const int Decimals = 7;

    public static double Round(double degrees) => Math.Round(degrees, Decimals, MidpointRounding.AwayFromZero);

    public GeoPoint Rounded() => new(Round(Lon), Round(Lat));
}
