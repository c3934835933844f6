using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Situation.Contracts.Entities;
using Situation.Contracts.Views;

namespace Situation.Server.Api;

/// <summary>
/// Describes the GeoJSON answers (<see cref="GeoJsonAnswer"/>): for each entity type a Feature
/// (<c>SiteFeature</c>) and a FeatureCollection (<c>SiteFeatureCollection</c>) whose properties are
/// the entity's view without its geometry field (<c>SiteProperties</c>), the Feature's own geometry
/// being that field; and flags as Features located at their subject.
/// </summary>
public static class GeoJsonDescription
{
    public const string FlagLayer = "flag";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeFeatures);
        options.AddOperationTransformer(DescribeAnswer);
    }

    /// <summary>The schema names' stem of a layer: "Site" for sites, "Flag" for flags.</summary>
    private static string Stem(string layer) =>
        EntityTable.Find(layer) is { } entity ? entity.View.Name[..^"View".Length] : char.ToUpperInvariant(layer[0]) + layer[1..];

    private static Task DescribeAnswer(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<GeoJsonAnswer>().FirstOrDefault() is not { } answer)
            return Task.CompletedTask;
        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.TryGetValue("200", out var found) || found is not OpenApiResponse ok)
            operation.Responses["200"] = ok = new OpenApiResponse { Description = "OK" };
        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        var name = Stem(answer.Layer) + (answer.Collection ? "FeatureCollection" : "Feature");
        ok.Content[GeoJsonAnswers.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(name, context.Document) };
        return Task.CompletedTask;
    }

    private static async Task DescribeFeatures(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var entity in EntityTable.All)
        {
            var stem = Stem(entity.Type);
            var view = await context.GetOrCreateSchemaAsync(entity.View, null, cancellation);
            schemas[stem + "Properties"] = WithoutField(view, entity.GeometryField,
                $"The {entity.Type}'s fields as its view has them, without '{entity.GeometryField}': that is the Feature's geometry.");
            var geometry = entity.GeometryField == "location" ? "GeoPoint" : "GeoShape";
            AddFeature(document, stem, new OpenApiSchemaReference(geometry, document), nullableGeometry: false);
        }
        schemas["FlagProperties"] = new OpenApiSchemaReference(nameof(FlagView), document);
        // A flag is located where its subject is: a site's or checkpoint's point, a zone's or district's area, a route's path.
        var anywhere = new OpenApiSchema
        {
            OneOf = [new OpenApiSchemaReference("GeoPoint", document), new OpenApiSchemaReference("GeoShape", document)],
        };
        AddFeature(document, "Flag", anywhere, nullableGeometry: true);
    }

    private static void AddFeature(OpenApiDocument document, string stem, IOpenApiSchema geometry, bool nullableGeometry)
    {
        var schemas = document.Components!.Schemas!;
        schemas[stem + "Feature"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"A GeoJSON Feature (RFC 7946) of one {stem.ToLowerInvariant()}.",
            Required = new HashSet<string> { "type", "id", "geometry", "properties" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Constant("Feature"),
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["geometry"] = nullableGeometry ? new OpenApiSchema { OneOf = [geometry, new OpenApiSchema { Type = JsonSchemaType.Null }] } : geometry,
                ["properties"] = new OpenApiSchemaReference(stem + "Properties", document),
            },
        };
        schemas[stem + "FeatureCollection"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"A GeoJSON FeatureCollection (RFC 7946) of {stem.ToLowerInvariant()} features.",
            Required = new HashSet<string> { "type", "features" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Constant("FeatureCollection"),
                ["features"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(stem + "Feature", document) },
            },
        };
    }

    private static OpenApiSchema Constant(string word) =>
        new() { Type = JsonSchemaType.String, Enum = [JsonValue.Create(word)] };

    /// <summary>A copy of an object schema without one of its fields; the schema given is not changed.</summary>
    private static OpenApiSchema WithoutField(OpenApiSchema schema, string field, string description) => new()
    {
        Type = schema.Type,
        Description = description,
        Properties = schema.Properties?.Where(p => p.Key != field).ToDictionary(p => p.Key, p => p.Value),
        Required = schema.Required is { } required ? new HashSet<string>(required.Where(name => name != field)) : null,
    };
}
