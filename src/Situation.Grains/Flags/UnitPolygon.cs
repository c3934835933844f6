using System.Collections.Concurrent;

namespace Situation.Grains.Flags;

/// <summary>The vertices of a regular polygon on the unit circle, one on each axis, shared by every disc of that many vertices.</summary>
internal static class UnitPolygon
{
    private static readonly ConcurrentDictionary<int, (double Cos, double Sin)[]> Made = new();

    public static (double Cos, double Sin)[] Of(int vertices) => Made.GetOrAdd(vertices, n =>
    {
        var unit = new (double, double)[n];
        for (var k = 0; k < n; k++)
            unit[k] = (4 * k % n) == 0
                // On the axes exactly, so a disc's box is its circle's to the last bit.
                ? ((4 * k / n) switch { 0 => (1.0, 0.0), 1 => (0.0, 1.0), 2 => (-1.0, 0.0), _ => (0.0, -1.0) })
                : (Math.Cos(2 * Math.PI * k / n), Math.Sin(2 * Math.PI * k / n));
        return unit;
    });
}
