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

    public static GeoShape ToShape(Geometry geometry) => new(JsonSerializer.Serialize(geometry, GeoJsonOptions));

    public static Point ToPoint(GeoPoint point) => Factory.CreatePoint(new Coordinate(point.Lon, point.Lat));
}
