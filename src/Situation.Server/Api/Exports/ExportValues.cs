using System.Globalization;

namespace Situation.Server.Api.Exports;

/// <summary>A column's value as text, the same in every text format (CSV, KML): invariant numbers, ISO 8601 UTC times.</summary>
public static class ExportValues
{
    public static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset at => Time(at),
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>As GeoPackage wants a DATETIME: ISO 8601 in UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
