using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Situation.Contracts.Entities;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Live;

namespace Situation.Server.Api;

/// <summary>
/// What the API's description says beyond what its endpoints show, so that a client generated from
/// it — the dashboard's types (<c>web/scripts/contract.mjs</c>) — follows the contract and fails to
/// build when the contract changes: the geometry as GeoJSON, the words each text field takes (an enum, and the vocabulary's
/// name as <c>x-vocabulary</c>; every vocabulary under <c>x-vocabularies</c>), the shapes of the live
/// feed's messages and of every entity's view (the snapshot and the feed carry them, no typed
/// endpoint does), and the entity table itself (<c>x-entity-types</c>).
/// </summary>
public static class ContractDescription
{
    public static void Describe(OpenApiOptions options)
    {
        options.AddSchemaTransformer(DescribeGeometry);
        options.AddSchemaTransformer(DescribeAnswers);
        options.AddSchemaTransformer(DescribeWords);
        options.AddDocumentTransformer(DescribeContract);
        options.AddOperationTransformer(DescribeCallersAndProblems);
        GeoJsonDescription.Describe(options);
        RequestDescription.Describe(options);
    }

    /// <summary>The API's sections (its operations' tags), each with what a client finds there.</summary>
    private static readonly Dictionary<string, string> Sections = new()
    {
        ["Sign-in"] = "A person signs in for a bearer token.",
        ["Accounts"] = "Accounts and operator feeds' API keys, kept by administrators.",
        ["Situation"] = "The whole picture in one snapshot, the changes since a stream position, and the province's summary.",
        ["Districts"] = "The 17 districts with their level and counters.",
        ["Quarantine zones"] = "Zones declared, changed and lifted by district committees.",
        ["Checkpoints"] = "Road checkpoints and the free wifi they owe.",
        ["Telecom sites"] = "Base stations, exchanges and transmission sites, registered and reported by their operators.",
        ["Postal service"] = "Post offices and postal routes, reported by the postal enterprises.",
        ["Flags"] = "What the platform derives: connectivity and postal gaps, checkpoints without wifi, power, stale reports; the power-priority queue and what-if.",
        ["Exports"] = "Layers as files for a GIS, a spreadsheet or Google Earth: GeoJSON, CSV with WKT, KML, GeoPackage.",
        ["Directives"] = "The directives as data, their addressees, what each owes and where it stands; duty rosters and health declarations.",
        ["Incidents"] = "Faults an enterprise must put right, opened from a flag or by hand, and each step of their handling.",
        ["Audit"] = "Who changed what, when, and the version before.",
        ["Live updates"] = "What the live map's hub needs: its configuration and the shapes of its messages.",
        ["Operations"] = "Liveness and readiness for load balancers and on-call people.",
    };

    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";
    private const string ProblemSchema = "ProblemDetails";

    /// <summary>
    /// Who may call an operation (a bearer token from sign-in, or an operator feed's key; nobody for
    /// sign-in, health and this description) and the problems it may answer with, as problem+json:
    /// 400 for what it reads, 401/403 for who calls, 404 for what it names, 409 where an operation
    /// says so (<see cref="ConflictAnswer"/>), 422 for a body that names what does not fit, 413/415 and
    /// 503 (the database away) for writes, 429 for any caller who sends too many.
    /// </summary>
    private static Task DescribeCallersAndProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var description = context.Description;
        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        operation.Security = anonymous
            ? []
            : [Requirement(BearerScheme, context.Document), Requirement(ApiKeyScheme, context.Document)];
        var write = description.HttpMethod is "POST" or "PUT" or "PATCH" or "DELETE";
        var problems = new List<(int Status, string Why)>();
        if (write || description.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Body"))
            problems.Add((StatusCodes.Status400BadRequest, "The request is not valid: problem+json names each field and what is wrong with it."));
        if (!anonymous)
        {
            problems.Add((StatusCodes.Status401Unauthorized, "No valid bearer token or API key."));
            problems.Add((StatusCodes.Status403Forbidden, "The caller's role or scope may not do this."));
        }
        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
            problems.Add((StatusCodes.Status404NotFound, "Nothing has that id."));
        if (description.ActionDescriptor.EndpointMetadata.OfType<ConflictAnswer>().FirstOrDefault() is { } conflict)
            problems.Add((StatusCodes.Status409Conflict, conflict.Why));
        if (write && description.SupportedRequestFormats.Count > 0)
            problems.Add((StatusCodes.Status422UnprocessableEntity,
                "The body is well formed, but what it names does not exist or does not fit (an unknown district or crew, a time in the future, a place outside its district): problem+json names the field."));
        if (write)
        {
            problems.Add((StatusCodes.Status413PayloadTooLarge, "The body is larger than the API takes."));
            problems.Add((StatusCodes.Status415UnsupportedMediaType, "The body is not JSON."));
            problems.Add((StatusCodes.Status503ServiceUnavailable, "The database cannot be reached; nothing was stored. Retry-After says when to try again."));
        }
        problems.Add((StatusCodes.Status429TooManyRequests, "The caller sent too many requests; Retry-After says when to try again."));
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, why) in problems)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
                continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = why,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
        }
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    /// <summary>The shapes the geometry converters write (GeoJSON, RFC 7946), which a schema read from the records cannot know.</summary>
    private static Task DescribeGeometry(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(GeoPoint) && type != typeof(GeoShape))
            return Task.CompletedTask;
        var point = type == typeof(GeoPoint);
        DescribeGeoJson(schema, point ? ["Point"] : ["Polygon", "MultiPolygon", "LineString", "MultiLineString"],
            point ? "A GeoJSON Point: [longitude, latitude] in WGS 84."
                : "A GeoJSON geometry: a district's or zone's (Multi)Polygon, a route's (Multi)LineString.",
            pointPositions: 2);
        schema.AdditionalPropertiesAllowed = false;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Makes <paramref name="schema"/> a GeoJSON geometry (RFC 7946) of one of <paramref name="kinds"/>;
    /// a Point's coordinates have 2 positions up to <paramref name="pointPositions"/> (an altitude).
    /// </summary>
    public static void DescribeGeoJson(OpenApiSchema schema, IReadOnlyList<string> kinds, string description, int pointPositions)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = description;
        schema.Required = new HashSet<string> { "type", "coordinates" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. kinds.Select(kind => (JsonNode)JsonValue.Create(kind))] },
            ["coordinates"] = kinds is ["Point"]
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Number }, MinItems = 2, MaxItems = pointPositions }
                : new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Array } },
        };
    }

    /// <summary>
    /// An answer (a view, a flag, a live message) always carries every field, null or not: its
    /// description says so, where a request's leaves out what may be left out.
    /// </summary>
    private static Task DescribeAnswers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        var type = context.JsonTypeInfo.Type;
        var answer = type.Namespace == typeof(EntityView).Namespace || type.Namespace == typeof(ChangeBatch).Namespace;
        if (answer && context.JsonPropertyInfo is null && schema.Properties is { Count: > 0 } properties)
            schema.Required = new HashSet<string>(properties.Keys);
        return Task.CompletedTask;
    }

    private static Task DescribeWords(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(WordsAttribute), inherit: false) is not [WordsAttribute words, ..])
            return Task.CompletedTask;
        if (!Words.Named.TryGetValue(words.Vocabulary, out var vocabulary))
            throw new InvalidOperationException($"{context.JsonTypeInfo.Type.Name}.{context.JsonPropertyInfo.Name} names no vocabulary '{words.Vocabulary}'.");
        // A list takes the words item by item.
        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        // A field that may be null takes null too: an enum without it would refuse what the type allows.
        var taken = vocabulary.Words.Select(word => (JsonNode)JsonValue.Create(word));
        target.Enum = [.. target.Type?.HasFlag(JsonSchemaType.Null) == true ? taken.Append(null!) : taken];
        (target.Extensions ??= new Dictionary<string, IOpenApiExtension>())["x-vocabulary"] = new JsonNodeExtension(JsonValue.Create(vocabulary.Name));
        return Task.CompletedTask;
    }

    private static async Task DescribeContract(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellation);
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "The token from POST /api/auth/login; the hub takes it as access_token too.",
            },
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "An operator feed's key, issued by an administrator (POST /api/keys); it acts as an operator of its organisation.",
            },
        };
        document.Tags = new HashSet<OpenApiTag>([.. Sections.Select(section => new OpenApiTag { Name = section.Key, Description = section.Value })]);
        // Relative to where the description was fetched: the node that served it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The node that serves this description" }];
        Type[] carried = [.. EntityTable.All.Select(entity => entity.View), typeof(FlagView), typeof(SummaryPoint), typeof(ChangeBatch), typeof(Heartbeat)];
        foreach (var type in carried)
            if (!document.Components.Schemas.ContainsKey(type.Name))
                document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellation);

        var vocabularies = new JsonObject();
        foreach (var (name, vocabulary) in Words.Named)
            vocabularies[name] = new JsonArray([.. vocabulary.Words.Select(word => (JsonNode)JsonValue.Create(word))]);
        var entities = new JsonArray([.. EntityTable.All.Select(entity => (JsonNode)new JsonObject
        {
            ["type"] = entity.Type,
            ["section"] = entity.Section,
            ["path"] = entity.ApiPath,
            ["geometry"] = entity.GeometryField,
            ["view"] = entity.View.Name,
            ["ownedBy"] = entity.OwnerRole,
        })]);
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions["x-vocabularies"] = new JsonNodeExtension(vocabularies);
        document.Extensions["x-entity-types"] = new JsonNodeExtension(entities);
    }
}
