using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Situation.Grains.Flags;

/// <summary>
/// A base station's coverage disc in projected metres: a regular polygon whose vertices lie on the
/// circle of the radius (one on each axis, so its box is the circle's), held as its centre and
/// radius. Its vertices are made when a cell's coverage is unioned, not kept: 65 coordinates a
/// disc were 420 MB at 150,000 sites, and a prepared polygon's segment index 9 KB more a disc.
/// The polygon holds the circle that touches its edges' middles (the inner circle) and lies within
/// the circle of the radius (the outer), so most tests against a cell are decided by distances.
/// </summary>
public sealed class CoverageDisc
{
    private readonly double _outer, _inner;
    private readonly (double Cos, double Sin)[] _unit;

    public CoverageDisc(double x, double y, double radius, int quadrantSegments)
    {
        (X, Y, Radius) = (x, y, radius);
        _unit = UnitPolygon.Of(4 * quadrantSegments);
        // A hair's margin each way: what rounding could decide either way goes to the exact test.
        _outer = radius * (1 + 1e-9);
        _inner = radius * Math.Cos(Math.PI / _unit.Length) * (1 - 1e-9);
    }

    public double X { get; }

    public double Y { get; }

    public double Radius { get; }

    public Envelope Envelope => new(X - Radius, X + Radius, Y - Radius, Y + Radius);

    /// <summary>Whether the disc's box holds the given box.</summary>
    public bool BoxHolds(Envelope box) =>
        X - Radius <= box.MinX && box.MaxX <= X + Radius && Y - Radius <= box.MinY && box.MaxY <= Y + Radius;

    /// <summary>Whether the disc's box meets the given box.</summary>
    public bool BoxMeets(Envelope box) =>
        X - Radius <= box.MaxX && box.MinX <= X + Radius && Y - Radius <= box.MaxY && box.MinY <= Y + Radius;

    /// <summary>The polygon's vertices in order, the first not repeated at the end.</summary>
    public List<Coordinate> Vertices()
    {
        var vertices = new List<Coordinate>(_unit.Length + 4);
        foreach (var (cos, sin) in _unit)
            vertices.Add(new Coordinate(X + Radius * cos, Y + Radius * sin));
        return vertices;
    }

    public Polygon ToPolygon(GeometryFactory factory) => factory.CreatePolygon(Ring());

    /// <summary>The vertices as a closed ring: the first repeated at the end.</summary>
    private Coordinate[] Ring()
    {
        var ring = Vertices();
        ring.Add(ring[0].Copy());
        return [.. ring];
    }

    /// <summary>
    /// Whether the disc and the shape share a point; <paramref name="isBox"/>: the shape is its whole
    /// envelope. Only a shape that the circle's edge passes within a few metres of (the gap between
    /// the two circles, 6 m at a radius of 5 km) needs the exact test.
    /// </summary>
    public bool Meets(Geometry shape, bool isBox, IPreparedGeometry prepared)
    {
        var box = shape.EnvelopeInternal;
        var nearest = Math.Sqrt(Square(Gap(X, box.MinX, box.MaxX)) + Square(Gap(Y, box.MinY, box.MaxY)));
        if (nearest > _outer)
            return false;
        if (Farthest(box) <= _inner)
            return true;
        if (!isBox)
            nearest = DistanceFromCentre(shape);
        if (nearest > _outer)
            return false;
        if (nearest <= _inner)
            return true;
        return prepared.Intersects(ToPolygon(shape.Factory));
    }

    /// <summary>
    /// Whether the disc covers the shape: a convex polygon covers a shape exactly when it covers
    /// every vertex of it, since the shape lies within the convex hull of its vertices.
    /// </summary>
    public bool Covers(Geometry shape)
    {
        var box = shape.EnvelopeInternal;
        if (Farthest(box) <= _inner)
            return true;
        var ring = Ring();
        foreach (var vertex in shape.Coordinates)
            if (!PointLocation.IsInRing(vertex, ring))
                return false;
        return true;
    }

    /// <summary>How far the centre is from the nearest point of a polygonal shape: 0 inside it.</summary>
    private double DistanceFromCentre(Geometry shape)
    {
        var centre = new Coordinate(X, Y);
        var nearest = double.MaxValue;
        for (var i = 0; i < shape.NumGeometries; i++)
        {
            if (shape.GetGeometryN(i) is not Polygon polygon)
                continue;
            var inside = PointLocation.IsInRing(centre, polygon.Shell.Coordinates);
            for (var h = 0; inside && h < polygon.NumInteriorRings; h++)
                inside = !PointLocation.IsInRing(centre, polygon.GetInteriorRingN(h).Coordinates);
            if (inside)
                return 0;
            nearest = Math.Min(nearest, DistanceToRing(centre, polygon.Shell));
            foreach (var hole in polygon.Holes)
                nearest = Math.Min(nearest, DistanceToRing(centre, hole));
        }
        return nearest;
    }

    private static double DistanceToRing(Coordinate point, LineString ring)
    {
        var vertices = ring.Coordinates;
        var nearest = double.MaxValue;
        for (var i = 1; i < vertices.Length; i++)
            nearest = Math.Min(nearest, DistanceComputer.PointToSegment(point, vertices[i - 1], vertices[i]));
        return nearest;
    }

    private double Farthest(Envelope box) =>
        Math.Sqrt(Square(Math.Max(Math.Abs(X - box.MinX), Math.Abs(X - box.MaxX))) + Square(Math.Max(Math.Abs(Y - box.MinY), Math.Abs(Y - box.MaxY))));

    private static double Gap(double at, double min, double max) => at < min ? min - at : at > max ? at - max : 0;

    private static double Square(double value) => value * value;
}
