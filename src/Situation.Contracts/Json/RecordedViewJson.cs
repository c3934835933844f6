using System.Text.Json;
using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Json;

/// <summary>
/// Reads back a view the platform itself wrote with <see cref="ViewJson"/> (an audit record's
/// <c>after</c>): its points and shapes were validated when they were accepted, so they are taken as
/// written. Input from outside never comes this way; it goes through the API's validating readers.
/// </summary>
public static class RecordedViewJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ViewJson.Configure(options);
        options.Converters.Insert(0, new RecordedPoint());
        options.Converters.Insert(0, new RecordedShape());
        return options;
    }

    private sealed class RecordedPoint : JsonConverter<GeoPoint>
    {
        private static readonly GeoPointConverter Writer = new();

        public override GeoPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var point = JsonDocument.ParseValue(ref reader);
            var coordinates = point.RootElement.GetProperty("coordinates");
            return new GeoPoint(coordinates[0].GetDouble(), coordinates[1].GetDouble());
        }

        public override void Write(Utf8JsonWriter writer, GeoPoint value, JsonSerializerOptions options) => Writer.Write(writer, value, options);
    }

    private sealed class RecordedShape : JsonConverter<GeoShape>
    {
        public override GeoShape Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var shape = JsonDocument.ParseValue(ref reader);
            return new GeoShape(shape.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, GeoShape value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.GeoJson, skipInputValidation: true);
    }
}
