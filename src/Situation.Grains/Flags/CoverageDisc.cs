using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Situation.Grains.Flags;

/// <summary>
/// A base station's coverage disc in projected metres: the polygon that cells' coverage is computed
/// from, and the circle it is drawn on, so that most tests against a cell are decided by distances
/// alone. The polygon's vertices lie on the circle of the radius and its edges come nearest the
/// centre at their middles, so the polygon holds the inner circle and lies within the outer one.
/// Not prepared: a prepared polygon keeps a segment index once it has answered a test, 9 KB a disc,
/// 1.4 GB at 150,000 sites; only the exact tests left over use the cell's prepared shape.
/// </summary>
public sealed class CoverageDisc
{
    private readonly double _outer, _inner;

    public CoverageDisc(Point centre, double radius, int quadrantSegments)
    {
        Shape = (Polygon)centre.Buffer(radius, quadrantSegments);
        (X, Y, Radius) = (centre.X, centre.Y, radius);
        // A hair's margin each way: what rounding could decide either way goes to the exact test.
        _outer = radius * (1 + 1e-9);
        _inner = radius * Math.Cos(Math.PI / (4 * quadrantSegments)) * (1 - 1e-9);
    }

    public Polygon Shape { get; }

    public double X { get; }

    public double Y { get; }

    public double Radius { get; }

    public Envelope Envelope => Shape.EnvelopeInternal;

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
        return prepared.Intersects(Shape);
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

    /// <summary>
    /// Whether the disc covers the shape: a convex polygon covers a shape exactly when it covers
    /// every vertex of it, since the shape lies within the convex hull of its vertices.
    /// </summary>
    public bool Covers(Geometry shape)
    {
        var box = shape.EnvelopeInternal;
        if (Farthest(box) <= _inner)
            return true;
        var ring = Shape.ExteriorRing.Coordinates;
        foreach (var vertex in shape.Coordinates)
            if (!PointLocation.IsInRing(vertex, ring))
                return false;
        return true;
    }

    private double Farthest(Envelope box) =>
        Math.Sqrt(Square(Math.Max(Math.Abs(X - box.MinX), Math.Abs(X - box.MaxX))) + Square(Math.Max(Math.Abs(Y - box.MinY), Math.Abs(Y - box.MaxY))));

    private static double Gap(double at, double min, double max) => at < min ? min - at : at > max ? at - max : 0;

    private static double Square(double value) => value * value;
}
