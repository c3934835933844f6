using System.Text.Json;
using Situation.Grains.Spatial;

namespace Situation.Server.Api.Exports;

/// <summary>
/// Layers as one GeoJSON FeatureCollection (RFC 7946). A whole-situation export mixes layers, so each
/// feature then also says which layer it is of, and its id is prefixed with it (<c>sites/bts-622-0001</c>).
/// </summary>
public static class GeoJsonExport
{
    public static void Write(Stream output, IReadOnlyList<ExportLayer> layers)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Situation.Contracts.Json.ViewJson.Options.Encoder });
        var named = layers.Count > 1;
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var layer in layers)
            foreach (var row in layer.Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                // Ids are unique within a type: across layers a zone and a site may share one.
                writer.WriteString("id", named ? $"{layer.Name}/{row.Id}" : row.Id);
                writer.WritePropertyName("geometry");
                if (row.Geometry is null) writer.WriteNullValue();
                else JsonSerializer.Serialize(writer, row.Geometry, Geo.GeoJsonOptions);
                writer.WriteStartObject("properties");
                if (named) writer.WriteString("layer", layer.Name);
                for (var i = 0; i < layer.Columns.Count; i++)
                    WriteValue(writer, layer.Columns[i], row.Values[i]);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, ExportColumn column, object? value)
    {
        writer.WritePropertyName(column.Name);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string json when column.Kind == ColumnKind.Json: writer.WriteRawValue(json); break;
            case string text: writer.WriteStringValue(text); break;
            case long number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case DateTimeOffset at: writer.WriteStringValue(at); break;
            default: writer.WriteStringValue(ExportValues.Text(value)); break;
        }
    }
}
