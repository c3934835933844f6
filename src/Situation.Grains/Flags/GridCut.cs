using NetTopologySuite.Geometries;

namespace Situation.Grains.Flags;

/// <summary>
/// Cuts an area into the squares of a grid by halving: each half is cut from the part of the area
/// already inside the larger box, so the long boundary of a real district is clipped a few dozen
/// times in ever smaller pieces rather than once for every square along it, and a block the area
/// fills whole is split into plain squares without clipping at all.
/// </summary>
public static class GridCut
{
    /// <summary>Each grid square the area has area in, with the part of the area inside it.</summary>
    public static List<(Envelope Square, Geometry Part)> Cut(Geometry area, double size, GeometryFactory factory)
    {
        var envelope = area.EnvelopeInternal;
        var cells = new List<(Envelope, Geometry)>();
        if (envelope.IsNull)
            return cells;
        var (x0, y0) = ((long)Math.Floor(envelope.MinX / size), (long)Math.Floor(envelope.MinY / size));
        var (x1, y1) = (Math.Max(x0 + 1, (long)Math.Ceiling(envelope.MaxX / size)), Math.Max(y0 + 1, (long)Math.Ceiling(envelope.MaxY / size)));
        Split(area, x0, x1, y0, y1, size, factory, cells);
        return cells;
    }

    private static void Split(Geometry part, long x0, long x1, long y0, long y1, double size, GeometryFactory factory, List<(Envelope, Geometry)> cells)
    {
        var box = new Envelope(x0 * size, x1 * size, y0 * size, y1 * size);
        if (part.IsEmpty || part.Area <= 0)
            return;
        if (x1 - x0 == 1 && y1 - y0 == 1)
        {
            cells.Add((box, part));
            return;
        }
        // The part lies inside the box, so with the box's area it is the box: every square is whole.
        if (Fills(part, box))
        {
            for (var x = x0; x < x1; x++)
                for (var y = y0; y < y1; y++)
                {
                    var square = new Envelope(x * size, (x + 1) * size, y * size, (y + 1) * size);
                    cells.Add((square, factory.ToGeometry(square)));
                }
            return;
        }
        if (x1 - x0 >= y1 - y0)
        {
            var middle = x0 + (x1 - x0) / 2;
            Split(Inside(part, new Envelope(x0 * size, middle * size, y0 * size, y1 * size), factory), x0, middle, y0, y1, size, factory, cells);
            Split(Inside(part, new Envelope(middle * size, x1 * size, y0 * size, y1 * size), factory), middle, x1, y0, y1, size, factory, cells);
        }
        else
        {
            var middle = y0 + (y1 - y0) / 2;
            Split(Inside(part, new Envelope(x0 * size, x1 * size, y0 * size, middle * size), factory), x0, x1, y0, middle, size, factory, cells);
            Split(Inside(part, new Envelope(x0 * size, x1 * size, middle * size, y1 * size), factory), x0, x1, middle, y1, size, factory, cells);
        }
    }

    /// <summary>Whether a part that lies inside the box covers it whole (to rounding).</summary>
    public static bool Fills(Geometry part, Envelope box) => part.Area >= box.Area * (1 - 1e-12);

    /// <summary>The polygonal part of <paramref name="part"/> inside the box; lines and points where they only touch are dropped.</summary>
    private static Geometry Inside(Geometry part, Envelope box, GeometryFactory factory)
    {
        if (box.Contains(part.EnvelopeInternal))
            return part;
        var clipped = part.Intersection(factory.ToGeometry(box));
        if (clipped is Polygon or MultiPolygon || clipped.IsEmpty)
            return clipped;
        var polygons = Enumerable.Range(0, clipped.NumGeometries).Select(clipped.GetGeometryN).OfType<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : factory.CreateMultiPolygon(polygons);
    }
}
