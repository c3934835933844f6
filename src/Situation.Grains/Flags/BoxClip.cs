using NetTopologySuite.Geometries;

namespace Situation.Grains.Flags;

/// <summary>
/// Cuts a convex polygon (a coverage disc) down to an axis-aligned box, edge by edge
/// (Sutherland–Hodgman), which is exact for a convex shape and costs a pass over its vertices —
/// where a general overlay of the disc with the box would build a topology graph first. A cell's
/// coverage then unions small pieces of its own size instead of whole discs that reach far past it.
/// </summary>
public static class BoxClip
{
    /// <summary>
    /// The part of the convex polygon with the given vertices (in order, the first not repeated at
    /// the end) inside <paramref name="box"/>, or null when they share no area.
    /// </summary>
    public static Polygon? Convex(List<Coordinate> points, Envelope box, GeometryFactory factory)
    {
        points = Clip(points, c => c.X >= box.MinX, (a, b) => AtX(a, b, box.MinX));
        points = Clip(points, c => c.X <= box.MaxX, (a, b) => AtX(a, b, box.MaxX));
        points = Clip(points, c => c.Y >= box.MinY, (a, b) => AtY(a, b, box.MinY));
        points = Clip(points, c => c.Y <= box.MaxY, (a, b) => AtY(a, b, box.MaxY));
        if (points.Count < 3)
            return null;
        points.Add(points[0].Copy());
        var clipped = factory.CreatePolygon([.. points]);
        return clipped.Area > 0 ? clipped : null;
    }

    private static List<Coordinate> Clip(List<Coordinate> points, Func<Coordinate, bool> inside, Func<Coordinate, Coordinate, Coordinate> crossing)
    {
        var kept = new List<Coordinate>(points.Count + 4);
        for (var i = 0; i < points.Count; i++)
        {
            var current = points[i];
            var previous = points[(i + points.Count - 1) % points.Count];
            var (currentIn, previousIn) = (inside(current), inside(previous));
            if (currentIn != previousIn)
                kept.Add(crossing(previous, current));
            if (currentIn)
                kept.Add(current);
        }
        return kept;
    }

    private static Coordinate AtX(Coordinate a, Coordinate b, double x) => new(x, a.Y + (b.Y - a.Y) * (x - a.X) / (b.X - a.X));

    private static Coordinate AtY(Coordinate a, Coordinate b, double y) => new(a.X + (b.X - a.X) * (y - a.Y) / (b.Y - a.Y), y);
}
