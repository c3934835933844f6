using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Situation.Grains.Flags;

/// <summary>
/// Metres in a sinusoidal projection centred on the province: equal-area, so the ratios of areas the
/// flags compare are true, and near the centre distances are true too, so coverage discs are round.
/// </summary>
public sealed class LocalProjection(double centreLon, double centreLat)
{
    private const double EarthRadius = 6_371_008.8;
    private const double Radians = Math.PI / 180;

    /// <summary>
    /// Overlays of its geometries use OverlayNG: cutting a district into squares and intersecting
    /// unions of discs with cells is most of the engine's work, and the newer overlay clips its
    /// inputs to the result's box first and does not need the old one's snapping retries.
    /// </summary>
    private readonly GeometryFactory _factory = new NtsGeometryServices(CoordinateArraySequenceFactory.Instance,
        new PrecisionModel(), 0, GeometryOverlay.NG, new CoordinateEqualityComparer()).CreateGeometryFactory();

    public GeometryFactory Factory => _factory;

    public Coordinate Project(double lon, double lat) =>
        new(EarthRadius * (lon - centreLon) * Radians * Math.Cos(lat * Radians), EarthRadius * (lat - centreLat) * Radians);

    public Geometry Project(Geometry wgs84)
    {
        var projected = _factory.CreateGeometry(wgs84);
        projected.Apply(new ProjectFilter(this));
        projected.GeometryChanged();
        return projected;
    }

    public Point ProjectPoint(double lon, double lat) => _factory.CreatePoint(Project(lon, lat));

    private sealed class ProjectFilter(LocalProjection projection) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence sequence)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                var projected = projection.Project(sequence.GetX(i), sequence.GetY(i));
                sequence.SetX(i, projected.X);
                sequence.SetY(i, projected.Y);
            }
        }
    }
}
