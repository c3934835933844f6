using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Situation.Contracts.Json;

/// <summary>
/// The JSON shape of entity views, wherever they are written: the HTTP API, the live feed and the
/// audit trail all show an entity the same way (camelCase, geometry as GeoJSON).
/// </summary>
public static class ViewJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        // Vietnamese names stay readable; characters that matter in HTML are still escaped.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new GeoPointConverter());
        options.Converters.Add(new GeoShapeConverter());
    }

    /// <summary>The value as JSON by its runtime type, so a view written as its base type keeps every field.</summary>
    public static string? Write(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
