using NetTopologySuite.Geometries;

namespace Situation.Grains.Flags;

/// <summary>
/// The sites with a coverage disc, filed by the grid square their centre is in, so that the discs
/// that may reach a box are those filed within the largest radius around it: a dozen squares of a
/// few dozen sites. A quadtree of the discs' own boxes answered with every disc filed in the nodes
/// it passed (thousands at 150,000 sites), as a list built for each query.
/// </summary>
internal sealed class DiscGrid(double squareSize)
{
    private readonly Dictionary<(long X, long Y), List<SiteModel>> _squares = [];

    /// <summary>The largest radius ever filed: how far from a box a disc's centre may lie and still reach it.</summary>
    private double _reach;

    public void Add(SiteModel site)
    {
        var disc = site.Disc!;
        var key = Square(disc.X, disc.Y);
        if (!_squares.TryGetValue(key, out var sites))
            _squares[key] = sites = [];
        sites.Add(site);
        _reach = Math.Max(_reach, disc.Radius);
    }

    public void Remove(SiteModel site)
    {
        var key = Square(site.Disc!.X, site.Disc.Y);
        if (_squares.TryGetValue(key, out var sites) && sites.Remove(site) && sites.Count == 0)
            _squares.Remove(key);
    }

    /// <summary>The sites whose disc's box meets the given box.</summary>
    public IEnumerable<SiteModel> Near(Envelope box)
    {
        var (x0, y0) = Square(box.MinX - _reach, box.MinY - _reach);
        var (x1, y1) = Square(box.MaxX + _reach, box.MaxY + _reach);
        for (var x = x0; x <= x1; x++)
            for (var y = y0; y <= y1; y++)
                if (_squares.TryGetValue((x, y), out var sites))
                    foreach (var site in sites)
                        if (site.Disc!.BoxMeets(box))
                            yield return site;
    }

    private (long X, long Y) Square(double x, double y) => ((long)Math.Floor(x / squareSize), (long)Math.Floor(y / squareSize));
}
