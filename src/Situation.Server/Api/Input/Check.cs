using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Grains.Spatial;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Situation.Contracts.Model;
using Situation.Server.Geography;

namespace Situation.Server.Api.Input;

/// <summary>
/// Validates the fields of one request and collects every error by field name. Malformed or missing
/// input makes the answer 400; input that is well formed but cannot be applied (invalid geometry,
/// outside the province, an unknown district) makes it 422.
/// </summary>
public sealed class Check(ProvinceGeography geography, TimeProvider clock)
{
    private const int MaxTextLength = 200;
    private const int MaxVertices = 50_000;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private bool _malformed;

    public bool Ok => _errors.Count == 0;

    public ProblemHttpResult? Problem => Ok ? null : Problems.Invalid(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        _malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity);

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public string? Id(string field, string? value, bool required = true)
    {
        if (!Present(field, value, required)) return null;
        if (EntityId.IsValid(value)) return value;
        return Malformed(field, $"'{Shorten(value!)}' is not a valid id ({EntityId.Description})");
    }

    public string? Word(string field, string? value, Vocabulary words, bool required = true)
    {
        if (!Present(field, value, required)) return null;
        if (words.Contains(value)) return value;
        return Malformed(field, $"'{Shorten(value!)}' is not one of: {words}");
    }

    public string[] Words(string field, string[]? values, Vocabulary words)
    {
        if (values is null) return [];
        foreach (var value in values)
            if (!words.Contains(value))
            {
                Malformed(field, $"'{Shorten(value ?? "null")}' is not one of: {words}");
                return [];
            }
        return values;
    }

    public string[] Ids(string field, string[]? values)
    {
        if (values is null) return [];
        foreach (var value in values)
            if (!EntityId.IsValid(value))
            {
                Malformed(field, $"'{Shorten(value ?? "null")}' is not a valid id ({EntityId.Description})");
                return [];
            }
        return values;
    }

    /// <param name="maxLength">Longer for a paragraph (a directive's clause) than for a name.</param>
    public string? Text(string field, string? value, bool required = true, int maxLength = MaxTextLength)
    {
        if (!Present(field, value?.Trim(), required)) return null;
        var text = value!.Trim();
        if (text.Length > maxLength) return Malformed(field, $"is longer than {maxLength} characters");
        if (text.Any(char.IsControl)) return Malformed(field, "contains control characters");
        if (text.Any(IsInvisibleFormatting)) return Malformed(field, "contains invisible formatting characters (such as a right-to-left override), which would change how the text beside it is shown");
        return text;
    }

    /// <summary>
    /// Unicode's format characters: bidirectional overrides and isolates, zero-width spaces, the
    /// byte-order mark. None belongs in a name or a note, and the direction controls flip the
    /// labels beside them in the panels. The zero-width joiners that some scripts need stay allowed.
    /// </summary>
    private static bool IsInvisibleFormatting(char c) =>
        char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format && c is not ('\u200C' or '\u200D');

    public int? Range(string field, int? value, int min, int max)
    {
        if (value is null) return null;
        if (value >= min && value <= max) return value;
        Malformed(field, $"must be between {min} and {max}");
        return null;
    }

    public DateTimeOffset? NotInFuture(string field, DateTimeOffset? value)
    {
        if (value is null) return null;
        if (value <= clock.GetUtcNow() + ClockSkew) return value;
        Unprocessable(field, "lies in the future");
        return null;
    }

    /// <summary>
    /// The district something belongs to: the one named, which must exist and hold the location
    /// (within the border tolerance) — a committee cannot put its checkpoint in another district by
    /// naming its own — or, when none is named, the one the location lies in.
    /// </summary>
    public string? District(string field, string? value, GeoPoint? location)
    {
        if (value is null)
            return location is { } point ? geography.DistrictAt(point) : Malformed(field, "is required");
        if (Id(field, value) is null) return null;
        if (!geography.HasDistrict(value))
            return Unprocessable(field, $"there is no district '{value}'");
        if (location is { } at && !geography.IsIn(value, at))
            return Unprocessable(field, $"the location lies in district '{geography.DistrictAt(at)}', not in '{value}'");
        return value;
    }

    /// <summary>A shape drawn for one district lies within it, allowing the border tolerance.</summary>
    public void WithinDistrict(string field, Geometry? shape, string? districtId)
    {
        if (shape is not null && districtId is not null && geography.HasDistrict(districtId) && !geography.Holds(districtId, shape))
            Unprocessable(field, $"reaches beyond district '{districtId}': a zone across districts is declared by an administrator");
    }

    public GeoPoint? Point(string field, JsonElement? value)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            Malformed(field, "is required");
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Point"
            || !element.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array
            || coordinates.GetArrayLength() is < 2 or > 3
            || coordinates[0].ValueKind != JsonValueKind.Number || coordinates[1].ValueKind != JsonValueKind.Number)
        {
            Malformed(field, "must be a GeoJSON Point: {\"type\":\"Point\",\"coordinates\":[lon,lat]}");
            return null;
        }
        var lon = coordinates[0].GetDouble();
        var lat = coordinates[1].GetDouble();
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            Malformed(field, "coordinates must be [longitude, latitude] in degrees");
            return null;
        }
        if (!geography.Contains(lon, lat))
        {
            Unprocessable(field, "lies outside the province");
            return null;
        }
        return new GeoPoint(lon, lat).Rounded();
    }

    /// <summary>
    /// A GeoJSON geometry of one of the given types, valid (no self-intersection) and inside the province,
    /// its coordinates rounded to <see cref="GeoPoint.Decimals"/>.
    /// </summary>
    public Geometry? Shape(string field, JsonElement? value, params string[] types)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            Malformed(field, "is required");
            return null;
        }
        Geometry geometry;
        try
        {
            // Rounded before it is checked: what is stored (and checked) is what a GIS gets back.
            geometry = Geo.Rounded(Geo.Read(element));
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            Malformed(field, "is not a GeoJSON geometry");
            return null;
        }
        if (!types.Contains(geometry.GeometryType))
        {
            Malformed(field, $"must be a {string.Join(" or ", types)}, not a {geometry.GeometryType}");
            return null;
        }
        if (geometry.IsEmpty || geometry.NumPoints > MaxVertices)
        {
            Malformed(field, $"must have between 1 and {MaxVertices} vertices");
            return null;
        }
        if (geometry.Coordinates.Any(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90))
        {
            Malformed(field, "coordinates must be [longitude, latitude] in degrees");
            return null;
        }
        if (new IsValidOp(geometry).ValidationError is { } invalid)
        {
            Unprocessable(field, $"is not a valid {geometry.GeometryType}: {invalid.Message} near ({invalid.Coordinate?.X}, {invalid.Coordinate?.Y})");
            return null;
        }
        if (!geography.Contains(geometry))
        {
            Unprocessable(field, "lies outside the province");
            return null;
        }
        return geometry;
    }

    /// <summary>Records a malformed field that the typed checks do not cover.</summary>
    public void Reject(string field, string message) => Add(field, message, malformed: true);

    /// <summary>Records a well-formed field whose value cannot be taken (422), e.g. a period the wrong way round.</summary>
    public void Refuse(string field, string message) => Add(field, message, malformed: false);

    private string? Malformed(string field, string message)
    {
        Add(field, message, malformed: true);
        return null;
    }

    private string? Unprocessable(string field, string message)
    {
        Add(field, message, malformed: false);
        return null;
    }

    private bool Present(string field, string? value, bool required)
    {
        if (!string.IsNullOrEmpty(value)) return true;
        if (required) Malformed(field, "is required");
        return false;
    }

    private void Add(string field, string message, bool malformed)
    {
        _malformed |= malformed;
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    private static string Shorten(string value) => value.Length <= 70 ? value : value[..70] + "…";
}
