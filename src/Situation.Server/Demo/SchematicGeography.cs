using Situation.Grains.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using Situation.Server.Geography;

namespace Situation.Server.Demo;

/// <summary>
/// District shapes for when the province pack is missing: the Voronoi cells of the district towns,
/// clipped to a rounded hull around them. Plainly schematic, and labelled so.
/// </summary>
public static class SchematicGeography
{
    private const double HullMarginDegrees = 0.18;

    public static IReadOnlyDictionary<string, Geometry> Build(IReadOnlyList<ProvinceFacts.DistrictFact> districts)
    {
        var towns = districts.Select(d => new Coordinate(d.TownLon, d.TownLat)).ToArray();
        var outline = Geo.Factory.CreateMultiPointFromCoords(towns).ConvexHull().Buffer(HullMarginDegrees, 16);
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(towns);
        builder.ClipEnvelope = outline.EnvelopeInternal;
        var cells = builder.GetDiagram(Geo.Factory);

        var result = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i);
            var town = (Coordinate)cell.UserData;
            var district = districts.First(d => d.TownLon == town.X && d.TownLat == town.Y);
            result[district.Code] = Geo.Factory.CreateGeometry(cell.Intersection(outline));
        }
        return result;
    }
}
