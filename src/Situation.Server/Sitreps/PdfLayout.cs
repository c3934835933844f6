using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Situation.Server.Sitreps;

/// <summary>
/// A4 pages written top to bottom: paragraphs wrapped to the width, tables with a header row repeated
/// on each page they run onto, a chart; a new page whenever the next thing does not fit.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    public const double Margin = 50;
    private const double Top = 42;
    private const double Bottom = 50;

    private readonly PdfDocument _document;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;

    public PdfLayout(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public double Y { get; set; }

    public double Width => _page.Width.Point - 2 * Margin;

    /// <summary>
    /// The report's font, embedded whole: PDFsharp's subset leaves out the parts of a composite glyph,
    /// and DejaVu Sans builds many Vietnamese letters (ấ, ễ, ố: a vowel, its circumflex and a tone mark)
    /// from parts — subset, they came out bare ("mat" for "mất").
    /// </summary>
    public static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(ReportFonts.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile));

    public void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Top;
    }

    /// <summary>Starts a new page unless this much height is left on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > _page.Height.Point - Bottom) NewPage();
    }

    /// <summary>Wrapped text in a column (left, width), aligned; moves down past it.</summary>
    public void Text(string text, XFont font, double left = Margin, double? width = null, XStringAlignment align = XStringAlignment.Near, double after = 2)
    {
        var w = width ?? Width;
        foreach (var paragraph in text.Split('\n'))
            foreach (var line in Wrap(paragraph, font, w))
            {
                var height = font.GetHeight();
                Need(height);
                var format = new XStringFormat { Alignment = align, LineAlignment = XLineAlignment.Near };
                _gfx.DrawString(line, font, XBrushes.Black, new XRect(left, Y, w, height), format);
                Y += height;
            }
        Y += after;
    }

    /// <summary>Two columns side by side (the form's header); moves down past the taller.</summary>
    public void Columns(Action<double, double> left, Action<double, double> right, double split = 0.42)
    {
        var start = Y;
        left(Margin, Width * split);
        var leftEnd = Y;
        Y = start;
        right(Margin + Width * split, Width * (1 - split));
        Y = Math.Max(Y, leftEnd);
    }

    public void Table(IReadOnlyList<string> header, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows, double size = 8)
    {
        var font = Font(size);
        var bold = Font(size, XFontStyleEx.Bold);
        var scale = Width / widths.Sum();
        var columns = widths.Select(w => w * scale).ToArray();
        void Row(IReadOnlyList<string> cells, XFont f, bool isHeader)
        {
            var lines = cells.Select((c, i) => Wrap(c, f, columns[i] - 4)).ToArray();
            var height = lines.Max(l => l.Count) * f.GetHeight() + 4;
            // A table that runs onto a new page shows its header there again.
            if (Y + height > _page.Height.Point - Bottom)
            {
                NewPage();
                if (!isHeader) Row(header, bold, isHeader: true);
            }
            var x = Margin;
            for (var i = 0; i < columns.Length; i++)
            {
                var cell = new XRect(x, Y, columns[i], height);
                if (isHeader) _gfx.DrawRectangle(XBrushes.Gainsboro, cell);
                _gfx.DrawRectangle(new XPen(XColors.Gray, 0.4), cell);
                var y = Y + 2;
                foreach (var line in lines[i])
                {
                    _gfx.DrawString(line, f, XBrushes.Black, new XRect(x + 2, y, columns[i] - 4, f.GetHeight()),
                        new XStringFormat { Alignment = i == 0 ? XStringAlignment.Near : XStringAlignment.Center, LineAlignment = XLineAlignment.Near });
                    y += f.GetHeight();
                }
                x += columns[i];
            }
            Y += height;
        }
        Row(header, bold, isHeader: true);
        foreach (var row in rows)
            Row(row, font, isHeader: false);
        Y += 6;
    }

    /// <summary>Lines of the series over the period, with a legend: the trend chart.</summary>
    public void Chart(IReadOnlyList<DateTimeOffset> times, IReadOnlyList<(string Name, XColor Colour, IReadOnlyList<int> Values)> series, Func<DateTimeOffset, string> label, double height = 170)
    {
        Need(height + 30);
        var font = Font(7);
        var left = Margin + 28;
        var width = Width - 28;
        var top = Y;
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var pen = new XPen(XColors.Gray, 0.5);
        _gfx.DrawLine(pen, left, top, left, top + height);
        _gfx.DrawLine(pen, left, top + height, left + width, top + height);
        for (var i = 0; i <= 4; i++)
        {
            var y = top + height - height * i / 4;
            _gfx.DrawLine(new XPen(XColors.LightGray, 0.3), left, y, left + width, y);
            _gfx.DrawString((max * i / 4.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), font, XBrushes.Black,
                new XRect(Margin, y - 4, 25, 8), new XStringFormat { Alignment = XStringAlignment.Far });
        }
        double X(int i) => left + (times.Count <= 1 ? 0 : width * i / (times.Count - 1));
        foreach (var (_, colour, values) in series)
        {
            var pen2 = new XPen(colour, 1.4);
            for (var i = 1; i < values.Count; i++)
                _gfx.DrawLine(pen2, X(i - 1), top + height - height * values[i - 1] / max, X(i), top + height - height * values[i] / max);
        }
        for (var i = 0; i < times.Count; i += Math.Max(1, times.Count / 6))
            _gfx.DrawString(label(times[i]), font, XBrushes.Black, new XRect(X(i) - 30, top + height + 2, 60, 8), new XStringFormat { Alignment = XStringAlignment.Center });
        var legend = left;
        foreach (var (name, colour, _) in series)
        {
            _gfx.DrawRectangle(new XSolidBrush(colour), legend, top + height + 14, 10, 5);
            _gfx.DrawString(name, font, XBrushes.Black, legend + 13, top + height + 19);
            legend += _gfx.MeasureString(name, font).Width + 30;
        }
        Y = top + height + 30;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ').SelectMany(w => Pieces(w, font, width)))
        {
            var next = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && _gfx.MeasureString(next, font).Width > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = next;
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>A word wider than the column (an id without spaces) in pieces that fit, so it never runs over the next column.</summary>
    private IEnumerable<string> Pieces(string word, XFont font, double width)
    {
        while (word.Length > 1 && _gfx.MeasureString(word, font).Width > width)
        {
            var fits = 1;
            while (fits < word.Length && _gfx.MeasureString(word[..(fits + 1)], font).Width <= width) fits++;
            yield return word[..fits];
            word = word[fits..];
        }
        yield return word;
    }

    public void Dispose() => _gfx.Dispose();
}
