using System.Text;
using NetTopologySuite.IO;

namespace Situation.Server.Api.Exports;

/// <summary>
/// Layers as CSV (RFC 4180): one row per feature, its geometry as WKT in the column GDAL and QGIS
/// look for (<c>WKT</c>). UTF-8 with a byte-order mark, so that a spreadsheet shows Vietnamese names
/// right. A whole-situation export puts every layer's columns side by side, with a <c>layer</c> column first.
/// </summary>
public static class CsvExport
{
    public const string GeometryColumn = "WKT";

    public static void Write(Stream output, IReadOnlyList<ExportLayer> layers)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        var named = layers.Count > 1;
        var columns = layers.SelectMany(l => l.Columns.Select(c => c.Name)).Distinct(StringComparer.Ordinal).ToList();
        var header = (named ? ["layer"] : Array.Empty<string>()).Concat(columns).Append(GeometryColumn);
        writer.WriteLine(string.Join(',', header.Select(Quoted)));
        var wkt = new WKTWriter();
        foreach (var layer in layers)
        {
            var position = layer.Columns.Select(c => columns.IndexOf(c.Name)).ToArray();
            foreach (var row in layer.Rows)
            {
                var cells = new string?[columns.Count];
                for (var i = 0; i < layer.Columns.Count; i++)
                    cells[position[i]] = ExportValues.Text(row.Values[i]);
                var line = (named ? [layer.Name] : Array.Empty<string?>()).Concat(cells).Append(row.Geometry is null ? null : wkt.Write(row.Geometry));
                writer.WriteLine(string.Join(',', line.Select(Quoted)));
            }
        }
    }

    /// <summary>A field quoted when it holds a separator, a quote or a line break (quotes doubled); empty for null.</summary>
    private static string Quoted(string? value) =>
        value is null ? ""
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value
        : "\"" + value.Replace("\"", "\"\"") + "\"";
}
