using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Situation.Grains.Flags;

/// <summary>A district or an active quarantine zone, in projected metres, cut into grid cells.</summary>
internal sealed class Area(string type, string id, string? districtId, Geometry shape, IPreparedGeometry prepared)
{
    public string Type { get; } = type;
    public string Id { get; } = id;
    public string? DistrictId { get; } = districtId;
    public Geometry Shape { get; } = shape;
    public IPreparedGeometry Prepared { get; } = prepared;
    public double Size { get; } = shape.Area;
    public List<Cell> Cells { get; } = [];
    public HashSet<string> Routes { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Offices { get; } = new(StringComparer.Ordinal);

    public double Now => Size > 0 ? Cells.Sum(c => c.Now) / Size : 0;
    public double Base => Size > 0 ? Cells.Sum(c => c.Base) / Size : 0;
}
