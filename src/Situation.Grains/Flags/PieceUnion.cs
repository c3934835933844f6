using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Noding;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Situation.Grains.Flags;

/// <summary>
/// The union of a cell's disc pieces (convex polygons inside one grid square). The robust overlay
/// nodes every pair of inputs in floating point and then checks the noding by running it a second
/// time, half of its cost — the largest share of a storm's flag steps. Here the pieces are unioned
/// pairwise in floating point without that check, and the answer is checked by what any union of
/// them must satisfy instead: its area at least the largest piece's, at most their sum and the
/// square's. An overlay that fails (a topology error) or an answer outside those bounds falls back
/// to the robust overlay, so a hard case costs what it did and an easy one, nearly all, less.
/// </summary>
public static class PieceUnion
{
    private static readonly PrecisionModel Floating = new();

    /// <summary>The union of the pieces, all inside <paramref name="square"/>.</summary>
    public static Geometry Of(List<Geometry> pieces, Envelope square, GeometryFactory factory) =>
        TryFloating(pieces, square, out var union) ? union : OverlayNGRobust.Union(factory.BuildGeometry(pieces));

    /// <summary>The union in floating point without the noding check, when it succeeds and is plausible.</summary>
    public static bool TryFloating(List<Geometry> pieces, Envelope square, out Geometry union)
    {
        try
        {
            union = Pairwise(pieces, 0, pieces.Count);
            return Plausible(union.Area, pieces, square);
        }
        catch (TopologyException)
        {
            // Floating-point noding missed an intersection: the robust overlay handles it.
            union = null!;
            return false;
        }
    }

    private static Geometry Pairwise(List<Geometry> pieces, int from, int to)
    {
        if (to - from == 1)
            return pieces[from];
        var middle = (from + to) / 2;
        // A noder holds its intersections: one for each overlay.
        var noder = new MCIndexNoder(new IntersectionAdder(new RobustLineIntersector()));
        return OverlayNG.Overlay(Pairwise(pieces, from, middle), Pairwise(pieces, middle, to), SpatialFunction.Union, Floating, noder);
    }

    private static bool Plausible(double area, List<Geometry> pieces, Envelope square)
    {
        double largest = 0, sum = 0;
        foreach (var piece in pieces)
        {
            var a = piece.Area;
            largest = Math.Max(largest, a);
            sum += a;
        }
        // A relative slack for rounding, far below what a dropped or doubled piece would change.
        var slack = 1e-9 * square.Area;
        return area >= largest - slack && area <= Math.Min(sum, square.Area) + slack;
    }
}
