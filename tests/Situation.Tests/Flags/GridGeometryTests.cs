using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.OverlayNG;
using Situation.Grains.Flags;
using Situation.Grains.Spatial;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Flags;

/// <summary>
/// The shortcuts the flag engine takes instead of general overlays — an area cut into grid squares
/// by halving, a disc cut down to a box edge by edge, a disc covering a piece of an area decided from
/// the piece's vertices — give what the general operations give.
/// </summary>
public sealed class GridGeometryTests
{
    private const double CellSize = 2000;

    [Fact]
    public void Every_real_district_cut_into_grid_squares_keeps_its_whole_area_one_piece_per_square()
    {
        using var districts = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.GeoDir, "gialai_districts_2021.geojson")));
        var shapes = districts.RootElement.GetProperty("features").EnumerateArray().Select(f => Geo.Read(f.GetProperty("geometry"))).ToList();
        var envelope = new Envelope();
        foreach (var shape in shapes) envelope.ExpandToInclude(shape.EnvelopeInternal);
        var projection = new LocalProjection(envelope.Centre.X, envelope.Centre.Y);
        Assert.Equal(17, shapes.Count);

        foreach (var shape in shapes.Select(projection.Project))
        {
            var cells = GridCut.Cut(shape, CellSize, projection.Factory);

            Assert.Equal(shape.Area, cells.Sum(c => c.Part.Area), shape.Area * 1e-9);
            Assert.Equal(cells.Count, cells.Select(c => (c.Square.MinX, c.Square.MinY)).Distinct().Count());
            foreach (var (square, part) in cells)
            {
                Assert.Equal(CellSize, square.Width, 1e-6);
                Assert.Equal(0, square.MinX % CellSize, 1e-6);
                Assert.True(square.Contains(part.EnvelopeInternal), $"a piece reaches out of its square {square}");
                Assert.True(part.Area > 0);
                Assert.Equal(shape.Intersection(projection.Factory.ToGeometry(square)).Area, part.Area, CellSize * CellSize * 1e-9);
            }
        }
    }

    [Fact]
    public void A_disc_cut_down_to_a_box_is_its_intersection_with_the_box()
    {
        var factory = new GeometryFactory();
        var random = new Random(11);
        for (var i = 0; i < 500; i++)
        {
            var disc = new CoverageDisc(random.Next(-5000, 5000), random.Next(-5000, 5000), random.Next(100, 6000), 16);
            var (x, y) = (random.Next(-4000, 4000), random.Next(-4000, 4000));
            var box = new Envelope(x, x + random.Next(1, 3000), y, y + random.Next(1, 3000));

            var clipped = BoxClip.Convex(disc.Vertices(), box, factory);
            var expected = disc.ToPolygon(factory).Intersection(factory.ToGeometry(box)).Area;

            if (expected < 1e-6)
                Assert.True(clipped is null || clipped.Area < 1e-6, $"a disc that misses the box left {clipped?.Area} m²");
            else
            {
                Assert.NotNull(clipped);
                Assert.True(clipped.IsValid);
                Assert.Equal(expected, clipped.Area, expected * 1e-9);
            }
        }
    }

    [Fact]
    public void A_disc_meets_and_covers_a_piece_of_an_area_exactly_when_the_general_tests_say_so()
    {
        using var districts = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.GeoDir, "gialai_districts_2021.geojson")));
        var shape = Geo.Read(districts.RootElement.GetProperty("features")[0].GetProperty("geometry"));
        var projection = new LocalProjection(shape.EnvelopeInternal.Centre.X, shape.EnvelopeInternal.Centre.Y);
        // Pieces along a real boundary (concave, some in several parts) and whole squares.
        var pieces = GridCut.Cut(projection.Project(shape), CellSize, projection.Factory).Select(c => c.Part).ToList();
        var random = new Random(12);
        var seen = new Dictionary<(bool Meets, bool Covers), int>();
        foreach (var piece in pieces)
        {
            var prepared = PreparedGeometryFactory.Prepare(piece);
            var isBox = GridCut.Fills(piece, piece.EnvelopeInternal);
            for (var i = 0; i < 20; i++)
            {
                var centre = piece.EnvelopeInternal.Centre;
                var disc = new CoverageDisc(centre.X + random.Next(-4000, 4000), centre.Y + random.Next(-4000, 4000), random.Next(300, 5000), 16);
                var polygon = disc.ToPolygon(projection.Factory);
                Assert.Equal(polygon.EnvelopeInternal, disc.Envelope);

                var expected = (Meets: polygon.Intersects(piece), Covers: polygon.Covers(piece));
                Assert.Equal(expected, (disc.Meets(piece, isBox, prepared), disc.Covers(piece)));
                seen[expected] = seen.GetValueOrDefault(expected) + 1;
            }
        }
        // Every answer was tried many times: apart, reaching in, covering.
        Assert.True(seen.Count == 3 && seen.Values.All(n => n > 100), string.Join(", ", seen));
    }

    [Fact]
    public void A_squares_disc_pieces_unioned_without_the_noding_check_give_the_robust_union()
    {
        var factory = new GeometryFactory();
        var random = new Random(13);
        var square = new Envelope(0, CellSize, 0, CellSize);
        var (floating, cases) = (0, 0);
        for (var i = 0; i < 400; i++)
        {
            // Real sites' discs (radius 3 km, some at one place, some coinciding) and others of any
            // size, centred in and around the square, as a storm leaves them: any subset still up.
            var pieces = new List<Geometry>();
            for (var d = random.Next(2, 14); d > 0; d--)
            {
                var radius = random.Next(2) == 0 ? 3000 : random.Next(200, 6000);
                var (x, y) = random.Next(5) == 0 && pieces.Count > 0 ? (1000.0, 1000.0) : (random.Next(-4000, 6000), random.Next(-4000, 6000));
                if (BoxClip.Convex(new CoverageDisc(x, y, radius, 16).Vertices(), square, factory) is { } piece)
                    pieces.Add(piece);
            }
            if (pieces.Count < 2)
                continue;
            cases++;
            var robust = OverlayNGRobust.Union(factory.BuildGeometry(pieces));

            Assert.Equal(robust.Area, PieceUnion.Of(pieces, square, factory).Area, CellSize * CellSize * 1e-9);
            if (PieceUnion.TryFloating(pieces, square, out var union))
            {
                floating++;
                Assert.True(union.IsValid);
                Assert.Equal(0, union.SymmetricDifference(robust).Area, CellSize * CellSize * 1e-9);
            }
        }
        // The shortcut is what runs, not the fallback.
        Assert.True(cases > 300 && floating > cases * 0.95, $"{floating} of {cases} unions took the shortcut");
    }
}
