using System.Globalization;
using System.Text;
using System.Xml;
using NetTopologySuite.Geometries;

namespace Situation.Server.Api.Exports;

/// <summary>
/// Layers as KML 2.2 (what Google Earth and phones open): a Folder per layer, a Placemark per feature
/// named by the entity's name (or id), its fields as ExtendedData, and its geometry (a MultiPolygon
/// as a MultiGeometry of Polygons).
/// </summary>
public static class KmlExport
{
    private const string Namespace = "http://www.opengis.net/kml/2.2";

    public static void Write(Stream output, string title, IReadOnlyList<ExportLayer> layers)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("kml", Namespace);
        xml.WriteStartElement("Document");
        xml.WriteElementString("name", title);
        foreach (var layer in layers)
        {
            xml.WriteStartElement("Folder");
            xml.WriteElementString("name", layer.Name);
            var name = layer.Columns.ToList().FindIndex(c => c.Name == "name");
            foreach (var row in layer.Rows)
            {
                xml.WriteStartElement("Placemark");
                xml.WriteAttributeString("id", layer.Name + "." + row.Id);
                xml.WriteElementString("name", name >= 0 && row.Values[name] is string label && label.Length > 0 ? label : row.Id);
                xml.WriteStartElement("ExtendedData");
                for (var i = 0; i < layer.Columns.Count; i++)
                {
                    xml.WriteStartElement("Data");
                    xml.WriteAttributeString("name", layer.Columns[i].Name);
                    xml.WriteElementString("value", ExportValues.Text(row.Values[i]) ?? "");
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
                if (row.Geometry is not null)
                    WriteGeometry(xml, row.Geometry);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteGeometry(XmlWriter xml, Geometry geometry)
    {
        switch (geometry)
        {
            case Point point:
                xml.WriteStartElement("Point");
                xml.WriteElementString("coordinates", Coordinates(point.Coordinates));
                xml.WriteEndElement();
                break;
            case LineString line:
                xml.WriteStartElement("LineString");
                xml.WriteElementString("tessellate", "1");
                xml.WriteElementString("coordinates", Coordinates(line.Coordinates));
                xml.WriteEndElement();
                break;
            case Polygon polygon:
                xml.WriteStartElement("Polygon");
                Ring(xml, "outerBoundaryIs", polygon.ExteriorRing);
                foreach (var hole in polygon.InteriorRings)
                    Ring(xml, "innerBoundaryIs", hole);
                xml.WriteEndElement();
                break;
            case GeometryCollection many:
                xml.WriteStartElement("MultiGeometry");
                foreach (var part in many.Geometries)
                    WriteGeometry(xml, part);
                xml.WriteEndElement();
                break;
        }
    }

    private static void Ring(XmlWriter xml, string boundary, LineString ring)
    {
        xml.WriteStartElement(boundary);
        xml.WriteStartElement("LinearRing");
        xml.WriteElementString("coordinates", Coordinates(ring.Coordinates));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Coordinates(Coordinate[] coordinates) =>
        string.Join(' ', coordinates.Select(c => c.X.ToString("R", CultureInfo.InvariantCulture) + "," + c.Y.ToString("R", CultureInfo.InvariantCulture)));
}
