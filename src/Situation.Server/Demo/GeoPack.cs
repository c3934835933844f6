using Situation.Grains.Spatial;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Linemerge;
using Situation.Server.Geography;

namespace Situation.Server.Demo;

/// <summary>
/// The province pack read from <c>Situation:GeoDir</c>: real district boundaries, national roads and
/// the points where roads cross borders. Missing when the folder is absent.
/// </summary>
public sealed record GeoPack(
    IReadOnlyList<GeoPack.PackDistrict> Districts,
    IReadOnlyList<GeoPack.Road> Roads,
    IReadOnlyList<GeoPack.Crossing> Crossings)
{
    /// <summary>A district's surveyed boundary; its names and population come from the province's facts.</summary>
    public sealed record PackDistrict(string Code, Geometry Boundary);

    public sealed record Road(string Id, string Name, LineString Path);

    public sealed record Crossing(string Kind, string Road, Point Location);

    private const string DistrictsFile = "gialai_districts_2021.geojson";
    private const string RoadsFile = "gialai_national_roads.geojson";
    private const string CrossingsFile = "gialai_road_boundary_crossings.geojson";

    public static GeoPack? TryLoad(string? folder)
    {
        if (folder is null || !File.Exists(Path.Combine(folder, DistrictsFile)))
            return null;
        var districts = Features(Path.Combine(folder, DistrictsFile)).Select(f => new PackDistrict(f.Text("code"), f.Geometry)).ToList();
        var roads = Features(Path.Combine(folder, RoadsFile))
            .Select(f => new Road(f.Text("map_id"), f.Text("ten"), Longest(f.Geometry)))
            .ToList();
        var crossings = Features(Path.Combine(folder, CrossingsFile))
            .Select(f => new Crossing(f.Text("kind"), f.Text("road"), (Point)f.Geometry))
            .ToList();
        return new GeoPack(districts, roads, crossings);
    }

    /// <summary>A route needs one line: merge the parts of a road and keep the longest run.</summary>
    private static LineString Longest(Geometry geometry)
    {
        if (geometry is LineString line)
            return line;
        var merger = new LineMerger();
        merger.Add(geometry);
        return merger.GetMergedLineStrings().Cast<LineString>().MaxBy(l => l.Length)!;
    }

    private sealed record Feature(JsonElement Properties, Geometry Geometry)
    {
        public string Text(string name) =>
            Properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
    }

    private static IEnumerable<Feature> Features(string path)
    {
        if (!File.Exists(path))
            yield break;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
            yield return new Feature(feature.GetProperty("properties").Clone(), Geo.Read(feature.GetProperty("geometry")));
    }
}
