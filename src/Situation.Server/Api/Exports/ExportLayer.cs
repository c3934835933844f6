using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NetTopologySuite.Geometries;
using Situation.Contracts.Entities;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;
using Situation.Server.Api.Json;

namespace Situation.Server.Api.Exports;

/// <summary>How a column's values are typed in every format, whatever the data: a null stays of its column's type.</summary>
public enum ColumnKind { Text, Integer32, Integer64, Real, Boolean, Time, Json }

/// <summary>A field of a layer, read from a view (or a flag) by the same JSON contract the API answers with.</summary>
public sealed record ExportColumn(string Name, ColumnKind Kind, Func<object, object?> Read);

/// <summary>One feature: its id, where it is (null when its subject is gone), its values in column order.</summary>
public sealed record ExportRow(string Id, Geometry? Geometry, object?[] Values);

/// <summary>
/// One layer of an export (sites, zones, flags, …) as a typed table: the columns come from the view's
/// type, not from the data, so an empty layer or a column of nulls keeps its schema in a GIS.
/// </summary>
/// <param name="GeometryType">As GeoPackage names it: POINT, MULTIPOLYGON, LINESTRING, or GEOMETRY for mixed.</param>
public sealed record ExportLayer(string Name, string GeometryType, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<ExportRow> Rows)
{
    public const string FlagsName = "flags";

    public static ExportLayer Of(EntityDescriptor entity, IEnumerable<EntityView> views)
    {
        var columns = ColumnsOf(entity.View);
        var rows = views.Select(view => new ExportRow(view.Id, Located(view.Geometry), Values(columns, view))).ToList();
        var geometryType = entity.GeometryField switch
        {
            "location" => "POINT",
            "boundary" => "MULTIPOLYGON",
            _ => "LINESTRING",
        };
        return new ExportLayer(entity.Section, geometryType, columns, rows);
    }

    /// <summary>Flags, each where its subject is; the subject's type and id also as plain columns, for a GIS to filter on.</summary>
    public static ExportLayer OfFlags(IEnumerable<FlagView> flags, IReadOnlyDictionary<(string Type, string Id), object> subjects)
    {
        ExportColumn[] columns =
        [
            new("subjectType", ColumnKind.Text, flag => ((FlagView)flag).Subject.Type),
            new("subjectId", ColumnKind.Text, flag => ((FlagView)flag).Subject.Id),
            .. ColumnsOf(typeof(FlagView)),
        ];
        var rows = flags.Select(flag => new ExportRow(flag.Id,
            subjects.TryGetValue((flag.Subject.Type, flag.Subject.Id), out var where) ? Located(where) : null,
            Values(columns, flag))).ToList();
        return new ExportLayer(FlagsName, "GEOMETRY", columns, rows);
    }

    private static object?[] Values(IReadOnlyList<ExportColumn> columns, object source)
    {
        var values = new object?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
            values[i] = columns[i].Read(source);
        return values;
    }

    private static Geometry? Located(object geometry) => geometry switch
    {
        GeoPoint point => Geo.ToPoint(point.Rounded()),
        GeoShape shape => Geo.Normalised(Geo.Read(shape)),
        _ => null,
    };

    /// <summary>The fields of a view as a Feature's properties carry them (geometry left out), each typed by its CLR type.</summary>
    private static ExportColumn[] ColumnsOf(Type type) =>
    [
        .. ApiJson.PropertiesOptions.GetTypeInfo(type).Properties
            .Where(property => property.Get is not null)
            .Select(property => Column(property)),
    ];

    private static ExportColumn Column(JsonPropertyInfo property)
    {
        var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var kind = clr == typeof(string) ? ColumnKind.Text
            : clr == typeof(int) || clr == typeof(short) ? ColumnKind.Integer32
            : clr == typeof(long) ? ColumnKind.Integer64
            : clr == typeof(double) || clr == typeof(float) || clr == typeof(decimal) ? ColumnKind.Real
            : clr == typeof(bool) ? ColumnKind.Boolean
            : clr == typeof(DateTimeOffset) || clr == typeof(DateTime) ? ColumnKind.Time
            : ColumnKind.Json;
        var get = property.Get!;
        return kind switch
        {
            ColumnKind.Integer32 or ColumnKind.Integer64 => new(property.Name, kind, source => get(source) is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null),
            ColumnKind.Real => new(property.Name, kind, source => get(source) is { } value ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : null),
            ColumnKind.Time => new(property.Name, kind, source => get(source) switch
            {
                DateTimeOffset at => at.ToUniversalTime(),
                DateTime at => new DateTimeOffset(at.ToUniversalTime()),
                _ => null,
            }),
            // Lists and objects (causes, a flag's detail) as their JSON text: GIS formats have no nested values.
            ColumnKind.Json => new(property.Name, kind, source => get(source) is { } value ? JsonSerializer.Serialize(value, property.PropertyType, ApiJson.Options) : null),
            _ => new(property.Name, kind, source => get(source)),
        };
    }
}
