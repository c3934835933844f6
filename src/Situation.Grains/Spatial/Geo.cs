using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Situation.Contracts.Model;

namespace Situation.Grains.Spatial;

/// <summary>One geometry factory (WGS84) and the GeoJSON codec every part of the server uses.</summary>
public static class Geo
{
    public const int Wgs84 = 4326;

    public static readonly GeometryFactory Factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Wgs84);

    public static readonly JsonSerializerOptions GeoJsonOptions = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        return options;
    }

    public static Geometry Read(JsonElement element) =>
        element.Deserialize<Geometry>(GeoJsonOptions) ?? throw new JsonException("null geometry");

    public static Geometry Read(GeoShape shape) =>
        JsonSerializer.Deserialize<Geometry>(shape.GeoJson, GeoJsonOptions) ?? throw new JsonException("null geometry");

    /// <summary>
    /// A geometry as it is kept and served: coordinates rounded to <see cref="GeoPoint.Decimals"/>, and an
    /// area always a MultiPolygon, so that a layer of districts or zones has one geometry type in a GIS
    /// (GDAL calls a layer that mixes Polygon and MultiPolygon "Unknown"), its rings wound as RFC 7946
    /// requires (the right-hand rule: outer rings counter-clockwise, holes clockwise).
    /// </summary>
    public static GeoShape ToShape(Geometry geometry) => new(JsonSerializer.Serialize(Normalised(geometry), GeoJsonOptions));

    public static Geometry Normalised(Geometry geometry) => Rounded(geometry) switch
    {
        Polygon polygon => Factory.CreateMultiPolygon([RightHanded(polygon)]),
        MultiPolygon areas => Factory.CreateMultiPolygon([.. areas.Geometries.Cast<Polygon>().Select(RightHanded)]),
        var other => other,
    };

    private static Polygon RightHanded(Polygon polygon) => Factory.CreatePolygon(
        Wound(polygon.Shell, counterClockwise: true),
        [.. polygon.Holes.Select(hole => Wound(hole, counterClockwise: false))]);

    private static LinearRing Wound(LinearRing ring, bool counterClockwise) =>
        NetTopologySuite.Algorithm.Orientation.IsCCW(ring.CoordinateSequence) == counterClockwise ? ring : (LinearRing)ring.Reverse();

    /// <summary>A copy with every coordinate rounded to <see cref="GeoPoint.Decimals"/>; the input is not changed.</summary>
    public static Geometry Rounded(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new RoundingFilter());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class RoundingFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence sequence)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                sequence.SetX(i, GeoPoint.Round(sequence.GetX(i)));
                sequence.SetY(i, GeoPoint.Round(sequence.GetY(i)));
            }
        }
    }

    public static Point ToPoint(GeoPoint point) => Factory.CreatePoint(new Coordinate(point.Lon, point.Lat));
}
