using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Situation.Grains.Directives;

namespace Situation.Server.Sitreps;

/// <summary>
/// The report as the DIC sends it (PDFsharp): the official form's header — the issuer and its number
/// on the left, the nation's motto and the place and date on the right — the title, "Kính gửi", then
/// the overview, the districts' table, the flags of the period, the incidents and the trend chart.
/// </summary>
public static class SitrepPdf
{
    private const int MostFlagLines = 40;

    public static byte[] Render(StoredSitrep report, SitrepWords say)
    {
        var figures = report.Figures;
        using var document = new PdfDocument();
        document.Info.Title = $"{say["title"]} {say["subtitle"]} — {say.Say("number", report.Number)}";
        document.Info.Author = say["issuer"];
        document.Info.Creator = "Situation";
        using (var page = new PdfLayout(document))
        {
            var normal = PdfLayout.Font(10);
            var bold = PdfLayout.Font(10, XFontStyleEx.Bold);
            var italic = PdfLayout.Font(10, XFontStyleEx.Italic);
            page.Columns(
                (left, width) =>
                {
                    page.Text(say["issuerParent"], normal, left, width, XStringAlignment.Center, 0);
                    page.Text(say["issuer"], bold, left, width, XStringAlignment.Center, 4);
                    page.Text(say.Say("number", report.Number), normal, left, width, XStringAlignment.Center);
                },
                (left, width) =>
                {
                    page.Text(say["nation"], bold, left, width, XStringAlignment.Center, 0);
                    page.Text(say["motto"], bold, left, width, XStringAlignment.Center, 4);
                    page.Text(say.PlaceAndDate(report.GeneratedAt), italic, left, width, XStringAlignment.Center);
                });
            page.Y += 14;
            page.Text(say["title"], PdfLayout.Font(14, XFontStyleEx.Bold), align: XStringAlignment.Center, after: 0);
            page.Text(say["subtitle"], PdfLayout.Font(11, XFontStyleEx.Bold), align: XStringAlignment.Center, after: 0);
            page.Text(say.Say("period", say.Time(figures.Period.From), say.Time(figures.Period.To)), italic, align: XStringAlignment.Center, after: 10);
            page.Columns((left, width) => page.Text(say["to"], bold, left, width, XStringAlignment.Far),
                (left, width) => page.Text(say["recipients"], normal, left + 8, width - 8), split: 0.3);
            page.Y += 8;

            page.Text(say["summary"], bold, after: 4);
            foreach (var line in Overview(figures, say)) page.Text(line, normal);
            page.Y += 6;

            page.Text(say["byDistrict"], bold, after: 4);
            page.Table(
                [say["colDistrict"], say["colSites"], say["colUp"], say["colDegraded"], say["colDown"], say["colBattery"], say["colAvailability"], say["colZones"], say["colWifi"], say["colOffices"], say["colFlags"]],
                [3.2, 1.3, 1.6, 1.6, 1.6, 1.4, 1.8, 2.4, 2.2, 2.4, 2],
                figures.Districts.Append(figures.Province with { Name = say["province"] }).Select(a => Row(a, say)));

            page.Text(say["flagsSection"], bold, after: 4);
            page.Table([say["colKind"], say["colSubject"], say["colRaised"], say["colCleared"], say["colDuration"]], [3, 4, 2.4, 2.4, 1.6],
                figures.Flags.Take(MostFlagLines).Select(f => (IReadOnlyList<string>)
                [
                    say.Kind(f.Kind), $"{f.SubjectType} {f.SubjectId}", say.Time(f.Raised), f.Cleared is { } c ? say.Time(c) : say["open"], say.Duration(f.Duration),
                ]));
            if (figures.Flags.Count > MostFlagLines) page.Text(say.Say("more", figures.Flags.Count - MostFlagLines), italic);

            page.Text(say["incidentsSection"], bold, after: 4);
            page.Text(figures.Incidents is { } i
                ? say.Say("incidents", i.Opened, i.Resolved, say.Hours(i.MeanHoursToAcknowledge), say.Hours(i.MeanHoursToRestore))
                : say["noIncidents"], normal, after: 8);

            page.Text(say["trendSection"], bold, after: 6);
            var trend = figures.Trend;
            page.Chart([.. trend.Select(t => t.At)],
                [
                    (say["trendDown"], XColors.Firebrick, [.. trend.Select(t => t.SitesDown)]),
                    (say["trendZones"], XColors.RoyalBlue, [.. trend.Select(t => t.ActiveZones)]),
                    (say["trendFlags"], XColors.DarkOrange, [.. trend.Select(t => t.OpenFlags)]),
                ], at => at.ToOffset(ObligationRules.LocalOffset).ToString(figures.Period.Length > TimeSpan.FromDays(2) ? "dd/MM" : "HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            page.Text(say.Say("generated", say.Time(report.GeneratedAt)), PdfLayout.Font(7, XFontStyleEx.Italic));
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>The overview's sentences, province-wide.</summary>
    public static IEnumerable<string> Overview(SitrepFigures figures, SitrepWords say)
    {
        var p = figures.Province;
        yield return say.Say("sites", p.Sites.Total, p.Sites.Up, p.Sites.Degraded, p.Sites.Down, p.Sites.OnBattery);
        yield return say.Say("causes", p.Sites.CausePower, p.Sites.CauseTransport, p.Sites.CauseDamage);
        yield return say.Say("availability", say.Percent(p.Availability));
        yield return say.Say("zones", p.ZonesDeclared, p.ZonesLifted, p.ZonesActive);
        yield return say.Say("checkpoints", p.CheckpointsWithWifi, p.CheckpointsWithoutWifi);
        yield return say.Say("offices", say.Statuses(p.OfficesByStatus));
        yield return say.Say("routes", say.Statuses(p.RoutesByStatus));
        yield return say.Say("flags", p.FlagsRaised, p.FlagsCleared, say.Hours(figures.MeanClearedFlagHours));
    }

    private static IReadOnlyList<string> Row(AreaFigures a, SitrepWords say) =>
    [
        a.Name, $"{a.Sites.Total}", $"{a.Sites.Up}", $"{a.Sites.Degraded}", $"{a.Sites.Down}", $"{a.Sites.OnBattery}", say.Percent(a.Availability),
        $"{a.ZonesDeclared}/{a.ZonesLifted}/{a.ZonesActive}", $"{a.CheckpointsWithWifi}/{a.CheckpointsWithoutWifi}", say.Statuses(a.OfficesByStatus),
        $"{a.FlagsRaised}/{a.FlagsCleared}",
    ];
}
