using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Situation.Server.Sitreps;

/// <summary>
/// A plain XLSX (Office Open XML SpreadsheetML) written directly: a sheet each, a header row, numbers
/// as numbers and text in the shared strings. Written in the default namespace, as Excel itself
/// writes it — GDAL 3.6's reader (what QGIS opens a spreadsheet with) lists only the first sheet of
/// a workbook whose elements carry a namespace prefix, as some libraries write them.
/// </summary>
public sealed class XlsxWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly List<(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows)> _sheets = [];
    private readonly Dictionary<string, int> _strings = [];
    private readonly List<string> _stringOrder = [];

    /// <summary>Adds a sheet; its name at most 31 characters, as Excel allows.</summary>
    public XlsxWorkbook Sheet(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        _sheets.Add((name.Length > 31 ? name[..31] : name, header, rows.ToList()));
        return this;
    }

    public byte[] Write()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < _sheets.Count; i++)
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml", w => WriteSheet(w, _sheets[i]));
            Part(zip, "[Content_Types].xml", w =>
            {
                w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
                Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
                Default(w, "xml", "application/xml");
                Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
                for (var i = 0; i < _sheets.Count; i++)
                    Override(w, $"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
                Override(w, "/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
                w.WriteEndElement();
            });
            Part(zip, "_rels/.rels", w =>
            {
                w.WriteStartElement("Relationships", PackageRelationships);
                Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
                w.WriteEndElement();
            });
            Part(zip, "xl/workbook.xml", w =>
            {
                w.WriteStartElement("workbook", Main);
                w.WriteAttributeString("xmlns", "r", null, Relationships);
                w.WriteStartElement("sheets", Main);
                for (var i = 0; i < _sheets.Count; i++)
                {
                    w.WriteStartElement("sheet", Main);
                    w.WriteAttributeString("name", _sheets[i].Name);
                    w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("id", Relationships, $"rId{i + 1}");
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                w.WriteEndElement();
            });
            Part(zip, "xl/_rels/workbook.xml.rels", w =>
            {
                w.WriteStartElement("Relationships", PackageRelationships);
                for (var i = 0; i < _sheets.Count; i++)
                    Relationship(w, $"rId{i + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml");
                Relationship(w, $"rId{_sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings", "sharedStrings.xml");
                w.WriteEndElement();
            });
            Part(zip, "xl/sharedStrings.xml", w =>
            {
                w.WriteStartElement("sst", Main);
                w.WriteAttributeString("count", _stringOrder.Count.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("uniqueCount", _stringOrder.Count.ToString(CultureInfo.InvariantCulture));
                foreach (var text in _stringOrder)
                {
                    w.WriteStartElement("si", Main);
                    w.WriteStartElement("t", Main);
                    if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))) w.WriteAttributeString("xml", "space", null, "preserve");
                    w.WriteString(text);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            });
        }
        return output.ToArray();
    }

    private void WriteSheet(XmlWriter w, (string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows) sheet)
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("sheetData", Main);
        Row(w, 1, sheet.Header);
        for (var r = 0; r < sheet.Rows.Count; r++)
            Row(w, r + 2, sheet.Rows[r]);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void Row(XmlWriter w, int number, IReadOnlyList<object?> cells)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < cells.Count; c++)
        {
            if (cells[c] is not { } value) continue;
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", Column(c) + number.ToString(CultureInfo.InvariantCulture));
            switch (value)
            {
                case int or long or double or decimal:
                    w.WriteElementString("v", Main, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    w.WriteAttributeString("t", "b");
                    w.WriteElementString("v", Main, flag ? "1" : "0");
                    break;
                default:
                    w.WriteAttributeString("t", "s");
                    w.WriteElementString("v", Main, Shared(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").ToString(CultureInfo.InvariantCulture));
                    break;
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private int Shared(string text)
    {
        if (_strings.TryGetValue(text, out var index)) return index;
        _strings[text] = _stringOrder.Count;
        _stringOrder.Add(text);
        return _stringOrder.Count - 1;
    }

    /// <summary>A, B, …, Z, AA, AB, …</summary>
    private static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static void Part(ZipArchive zip, string path, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string extension, string contentType)
    {
        w.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", contentType);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string contentType)
    {
        w.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", contentType);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelationships);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }
}
