using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Situation.Contracts.Json;
using Situation.Contracts.Model;

namespace Situation.Server.Api.Json;

/// <summary>The JSON shapes of the API: camelCase, GeoJSON geometry, no nulls dropped from views.</summary>
public static class ApiJson
{
    /// <summary>For whole entities: point entities carry their location as a GeoJSON Point.</summary>
    public static readonly JsonSerializerOptions Options = Create(dropGeometry: false);

    /// <summary>For a Feature's properties: the geometry is the Feature's own, so it is left out here.</summary>
    public static readonly JsonSerializerOptions PropertiesOptions = Create(dropGeometry: true);

    /// <summary>For request bodies: numbers must be numbers, and depth is bounded.</summary>
    public static readonly JsonSerializerOptions RequestOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 64,
    };

    /// <summary>
    /// The shapes every answer is written in. Numbers are numbers both ways, as request bodies are read
    /// (<see cref="RequestOptions"/>), so the API's description does not offer "integer or string".
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ViewJson.Configure(options);
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    private static JsonSerializerOptions Create(bool dropGeometry)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        if (dropGeometry)
        {
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers = { DropGeometry },
            };
        }
        return options;
    }

    private static void DropGeometry(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
            return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var type = info.Properties[i].PropertyType;
            if (type == typeof(GeoPoint) || type == typeof(GeoShape))
                info.Properties.RemoveAt(i);
        }
    }
}
