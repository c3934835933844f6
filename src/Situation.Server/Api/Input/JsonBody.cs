using Microsoft.AspNetCore.Http.HttpResults;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Situation.Server.Api.Json;
using Situation.Server.Hosting;

namespace Situation.Server.Api.Input;

/// <summary>
/// Reads a request body as JSON with a size limit and bounded depth, and binds it to a request
/// record; any failure is a problem answer naming the field, never an exception.
/// </summary>
public static class JsonBody
{
    public sealed record Outcome<T>(T? Value, ProblemHttpResult? Problem);

    public static async Task<Outcome<T>> Read<T>(HttpContext context) where T : class
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<SituationOptions>>().Value.MaxBodyBytes;
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/geo+json", StringComparison.OrdinalIgnoreCase))
            return new(null, Problems.UnsupportedMediaType());
        if (context.Request.ContentLength > limit)
            return new(null, Problems.TooLarge(limit));

        if (await ReadCapped(context.Request.Body, context.Request.ContentLength, limit, context.RequestAborted) is not { } bytes)
            return new(null, Problems.TooLarge(limit));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = ApiJson.RequestOptions.MaxDepth });
        }
        catch (JsonException error)
        {
            return new(null, Problems.Invalid("body", $"not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1})"));
        }
        using (document)
        {
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
                return new(null, Problems.Invalid("body", "must be a JSON object"));
            if (FirstUnreadableText(root) is { } where)
                return new(null, Problems.Invalid(where.Length == 0 ? "body" : where, "contains an escaped lone surrogate, which is not text"));
            if (PointFeature<T>.Accepted && IsFeature(root))
                root = AsPointRequest(root);
            try
            {
                return new(root.Deserialize<T>(ApiJson.RequestOptions), null);
            }
            catch (JsonException error)
            {
                var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
                return new(null, Problems.Invalid(field, "has the wrong type or an out-of-range value"));
            }
        }
    }

    /// <summary>
    /// A request for a point entity (its place in <c>location</c>) also takes the entity as a GeoJSON
    /// Feature, as <c>GET /api/sites/{id}</c> answers it and a GIS writes it back: the Feature's geometry
    /// is the location, its properties the other fields, its id the entity's when they carry none.
    /// </summary>
    private static class PointFeature<T>
    {
        public static readonly bool Accepted = typeof(T).GetProperty("Location")?.PropertyType == typeof(JsonElement?);
    }

    private static bool IsFeature(JsonElement root) =>
        root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("Feature");

    private static JsonElement AsPointRequest(JsonElement feature)
    {
        var request = new System.Text.Json.Nodes.JsonObject();
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            foreach (var property in properties.EnumerateObject())
                request[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
        if (feature.TryGetProperty("geometry", out var geometry))
            request["location"] = System.Text.Json.Nodes.JsonNode.Parse(geometry.GetRawText());
        if (!request.ContainsKey("id") && feature.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            request["id"] = id.GetString();
        return JsonSerializer.SerializeToElement(request);
    }

    /// <summary>
    /// JSON lets a string escape half of a UTF-16 surrogate pair ("\ud800"), which is valid JSON but
    /// not text: reading it throws. Found here once, it never reaches a field reader as an exception.
    /// Answers the path of the first such string ("" for the root), or null. Only strings with an
    /// escape are decoded, and a path is built only for what is found, so a large valid batch costs
    /// one walk without allocations.
    /// </summary>
    private static string? FirstUnreadableText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(JsonMarshal.GetRawUtf8Value(element), element.GetString) ? null : "";
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Readable(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name))
                        return "";
                    if (FirstUnreadableText(property.Value) is { } inner)
                        return property.Name + (inner.Length == 0 || inner[0] == '[' ? inner : "." + inner);
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadableText(item) is { } inner)
                        return $"[{index}]" + (inner.Length == 0 || inner[0] == '[' ? inner : "." + inner);
                    index++;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(ReadOnlySpan<byte> raw, Func<string?> decode)
    {
        if (raw.IndexOf((byte)'\\') < 0)
            return true;
        try
        {
            decode();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private const long UpfrontBytes = 64 * 1024;

    /// <summary>
    /// The body, or null when it is over the limit. A declared length (the usual case) sizes the
    /// buffer once, one byte over so that the read which finds the end has room: reading in 16 KB
    /// chunks grew and copied up to 48 KB for a 40-byte report, a third of what a node allocated
    /// under single reports. What is set aside before the bytes arrive stays small whatever a
    /// caller declares; a larger body, or one of unknown length, grows as it comes.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadCapped(Stream body, long? declared, long limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(declared ?? UpfrontBytes, Math.Min(limit, UpfrontBytes)) + 1);
        while (true)
        {
            var memory = buffer.GetMemory();
            int read;
            try
            {
                read = await body.ReadAsync(memory, cancellationToken);
            }
            catch (BadHttpRequestException)
            {
                return null; // the server's own hard limit was hit first
            }
            if (read == 0)
                return buffer.WrittenMemory;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                return null;
        }
    }
}
