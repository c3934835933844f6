using System.Text.Json;
using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Json;

/// <summary>
/// Writes a point as a GeoJSON Point (RFC 7946), rounded to <see cref="GeoPoint.Decimals"/> (points
/// stored before input was rounded come out the same as new ones). Input goes through the validating readers.
/// </summary>
public sealed class GeoPointConverter : JsonConverter<GeoPoint>
{
    public override GeoPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Points are read by the API's validating readers");

    public override void Write(Utf8JsonWriter writer, GeoPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Point");
        writer.WriteStartArray("coordinates");
        writer.WriteNumberValue(GeoPoint.Round(value.Lon));
        writer.WriteNumberValue(GeoPoint.Round(value.Lat));
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>Writes a stored, already validated GeoJSON geometry as it is.</summary>
public sealed class GeoShapeConverter : JsonConverter<GeoShape>
{
    public override GeoShape Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Shapes are read by the API's validating readers");

    public override void Write(Utf8JsonWriter writer, GeoShape value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.GeoJson, skipInputValidation: true);
}
