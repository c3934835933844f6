using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.OpenApi;
using Situation.Contracts.Model;

namespace Situation.Server.Api;

/// <summary>
/// Describes request bodies as the validation takes them (<see cref="Requests"/>' attributes): only the
/// fields marked [Required] are required, and those are not nullable; the others may be left out or
/// null. A JsonElement field is described as what it must hold — a GeoJSON geometry of its types, a
/// list of reports — instead of "any JSON". A parameter marked [Words] lists the words it takes.
/// </summary>
public static class RequestDescription
{
    public static void Describe(OpenApiOptions options)
    {
        options.AddSchemaTransformer(DescribeRequest);
        options.AddOperationTransformer(DescribeParameterWords);
    }

    /// <summary>The words a path or query parameter takes: the contract's, and the API's own (formats, export layers).</summary>
    private static readonly IReadOnlyDictionary<string, Vocabulary> ParameterWords =
        Words.Named.Values.Concat([FlagsApi.Formats, Exports.ExportsApi.Layers, Exports.ExportsApi.Formats])
            .ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>A parameter marked [Words] is described as an enum of them (and its vocabulary's name).</summary>
    private static Task DescribeParameterWords(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        foreach (var described in context.Description.ParameterDescriptions)
        {
            if (described.ParameterDescriptor is not IParameterInfoParameterDescriptor { ParameterInfo: var parameter }
                || parameter.GetCustomAttribute<WordsAttribute>() is not { } words)
                continue;
            if (!ParameterWords.TryGetValue(words.Vocabulary, out var vocabulary))
                throw new InvalidOperationException($"{operation.OperationId}'s parameter {described.Name} names no vocabulary '{words.Vocabulary}'.");
            if (operation.Parameters?.FirstOrDefault(p => p.Name == described.Name) is not OpenApiParameter target)
                continue;
            target.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. vocabulary.Words.Select(word => (JsonNode)JsonValue.Create(word))],
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-vocabulary"] = new JsonNodeExtension(JsonValue.Create(vocabulary.Name)) },
            };
        }
        return Task.CompletedTask;
    }

    private static bool IsRequest(Type type) =>
        type.Namespace == typeof(LevelRequest).Namespace
        && (type.Name.EndsWith("Request", StringComparison.Ordinal) || type.Name.EndsWith("Properties", StringComparison.Ordinal)
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(FeatureRequest<>)));

    private static async Task DescribeRequest(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null || !IsRequest(type) || schema.Properties is not { } properties)
            return;
        var feature = type.IsGenericType ? type.GetGenericArguments()[0].GetCustomAttribute<FeatureGeometryAttribute>() : null;
        var required = new HashSet<string>();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var described))
                continue;
            var must = Has<RequiredAttribute>(property) is not null;
            if (must) required.Add(property.Name);
            IOpenApiSchema replaced = Has<GeometryAttribute>(property) is { } geometry ? Geometry(geometry.Kinds)
                : feature is not null && property.Name == "geometry" ? Geometry(feature.Kinds)
                : feature is not null && property.Name == "type" ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Feature")] }
                : feature is not null && property.Name == "id" ? new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number, Description = "RFC 7946's feature id; an id among the properties does as well." }
                : Has<ItemsOfAttribute>(property) is { } items ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = await context.GetOrCreateSchemaAsync(items.Item, null, cancellation) }
                : described;
            properties[property.Name] = must ? NotNull(replaced) : replaced;
        }
        schema.Required = required;
    }

    private static T? Has<T>(JsonPropertyInfo property) where T : Attribute =>
        property.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: false).OfType<T>().FirstOrDefault();

    /// <summary>
    /// A required field's schema without its "or null": the validation refuses a null there. A choice
    /// of null or an object loses its null choice.
    /// </summary>
    private static IOpenApiSchema NotNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema own)
            return schema;
        if (own.OneOf is { Count: 2 } choices && choices.Any(c => c is OpenApiSchema { Type: JsonSchemaType.Null }))
            own.OneOf = [.. choices.Where(c => c is not OpenApiSchema { Type: JsonSchemaType.Null })];
        if (own.Type is { } kind && kind.HasFlag(JsonSchemaType.Null) && kind != JsonSchemaType.Null)
            own.Type = kind & ~JsonSchemaType.Null;
        if (own.Enum is { Count: > 0 } words && words.Any(word => word is null))
            own.Enum = [.. words.Where(word => word is not null)];
        return own;
    }

    /// <summary>A GeoJSON geometry (RFC 7946, longitude and latitude in WGS 84) of one of these types; a point may carry an altitude.</summary>
    private static OpenApiSchema Geometry(IReadOnlyList<string> kinds)
    {
        var schema = new OpenApiSchema();
        ContractDescription.DescribeGeoJson(schema, kinds, $"A GeoJSON {string.Join(" or ", kinds)}: [longitude, latitude] in WGS 84, kept to 7 decimals.", pointPositions: 3);
        return schema;
    }
}
