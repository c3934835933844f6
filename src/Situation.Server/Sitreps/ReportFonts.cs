using PdfSharp.Fonts;

namespace Situation.Server.Sitreps;

/// <summary>
/// The report's typeface for PDFsharp: a font installed on the machine whose glyphs carry Vietnamese
/// diacritics (Debian's fonts-dejavu-core, or fonts-noto-core), found in the usual folders or the one
/// configured; embedded in every PDF, so a reader needs nothing installed.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "Situation Report";

    private static readonly (string Regular, string Bold, string Italic)[] Candidates =
    [
        ("truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf", "truetype/dejavu/DejaVuSans-Oblique.ttf"),
        ("truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf", "truetype/noto/NotoSans-Italic.ttf"),
    ];

    private static readonly Lock Gate = new();
    private static ReportFonts? _installed;

    private readonly Dictionary<string, string> _faces;

    private ReportFonts(Dictionary<string, string> faces) => _faces = faces;

    /// <summary>
    /// Makes the report's typeface PDFsharp's, once per process; false when no suitable font is
    /// installed (the PDF then cannot be made, and the API says which package to install).
    /// </summary>
    public static bool Install(string? directory)
    {
        lock (Gate)
        {
            if (_installed is not null) return true;
            var roots = directory is null ? ["/usr/share/fonts", "/usr/local/share/fonts"] : new[] { directory };
            foreach (var (regular, bold, italic) in Candidates)
                foreach (var root in roots)
                {
                    var files = new[] { regular, bold, italic }.Select(f => Path.Combine(root, f)).ToArray();
                    // A configured folder may hold the files flat.
                    if (!File.Exists(files[0])) files = [.. new[] { regular, bold, italic }.Select(f => Path.Combine(root, Path.GetFileName(f)))];
                    if (!File.Exists(files[0]) || !File.Exists(files[1])) continue;
                    _installed = new ReportFonts(new() { ["regular"] = files[0], ["bold"] = files[1], ["italic"] = File.Exists(files[2]) ? files[2] : files[0] });
                    GlobalFontSettings.FontResolver = _installed;
                    return true;
                }
            return false;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName == Family ? new FontResolverInfo(bold ? "bold" : italic ? "italic" : "regular") : null;

    public byte[]? GetFont(string faceName) => _faces.TryGetValue(faceName, out var path) ? File.ReadAllBytes(path) : null;
}
