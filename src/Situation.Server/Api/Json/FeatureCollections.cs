using System.Text.Json;
using System.Text.Json.Nodes;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Server.Api.Json;

/// <summary>
/// Streams entity views as GeoJSON FeatureCollections: the entity's geometry as the Feature's, all
/// other fields (with id and version) as its properties. Written straight to the response, so a list
/// of 150,000 sites is never built as one document in memory.
/// </summary>
public static class FeatureCollections
{
    /// <param name="extra">Properties to add to a feature's own, such as a district's counters.</param>
    public static Task Write(JsonStream stream, IEnumerable<EntityView> views, Func<EntityView, JsonObject?>? extra = null) =>
        Write(stream, views, (writer, view) => WriteFeature(writer, view, extra?.Invoke(view)));

    /// <summary>A FeatureCollection of whatever items, each written as a Feature by <paramref name="writeFeature"/>, handed out in chunks.</summary>
    public static async Task Write<T>(JsonStream stream, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFeature)
    {
        var writer = stream.Writer;
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var item in items)
        {
            writeFeature(writer, item);
            await stream.FlushIfFull();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteFeature(Utf8JsonWriter writer, EntityView view, JsonObject? extra = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", view.Id);
        writer.WritePropertyName("geometry");
        WriteGeometry(writer, view.Geometry);
        writer.WritePropertyName("properties");
        if (extra is null)
        {
            JsonSerializer.Serialize(writer, view, view.GetType(), ApiJson.PropertiesOptions);
        }
        else
        {
            var properties = JsonSerializer.SerializeToNode(view, view.GetType(), ApiJson.PropertiesOptions)!.AsObject();
            foreach (var (name, value) in extra.ToList())
            {
                extra.Remove(name);
                properties[name] = value;
            }
            properties.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>A view's geometry as GeoJSON; anything else (a subject gone) as null, which RFC 7946 allows for an unlocated feature.</summary>
    public static void WriteGeometry(Utf8JsonWriter writer, object? geometry)
    {
        switch (geometry)
        {
            case GeoPoint point:
                JsonSerializer.Serialize(writer, point, ApiJson.Options);
                break;
            case GeoShape shape:
                writer.WriteRawValue(shape.GeoJson, skipInputValidation: true);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
