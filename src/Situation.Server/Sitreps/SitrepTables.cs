using System.Globalization;
using System.Text;
using Situation.Server.Api;
using Situation.Grains.Directives;

namespace Situation.Server.Sitreps;

/// <summary>
/// The report's tables: the XLSX (<see cref="XlsxWorkbook"/>) has the province, the districts, the flags and the
/// trend, a sheet each; the CSV the districts' rows and the province's, as in the PDF's table.
/// Numbers stay numbers, shares fractions (0.95), times ISO 8601 on the province's clock.
/// </summary>
public static class SitrepTables
{
    public static byte[] Xlsx(StoredSitrep report, SitrepWords say)
    {
        var figures = report.Figures;
        var workbook = new XlsxWorkbook();
        var heading = $"{say["title"]} {say["subtitle"]} — {say.Say("number", report.Number)} — {say.Say("period", say.Time(figures.Period.From), say.Time(figures.Period.To))}";
        workbook.Sheet(say["sheetProvince"], [say["summary"]], SitrepPdf.Overview(figures, say).Prepend(heading).Select(line => (IReadOnlyList<object?>)[line]));
        var areas = figures.Districts.Append(figures.Province with { Name = say["province"] }).Select(a => Row(a, say)).ToList();
        workbook.Sheet(say["sheetDistricts"], [.. areas[0].Keys], areas.Select(a => (IReadOnlyList<object?>)[.. a.Values]));
        workbook.Sheet(say["sheetFlags"],
            ["id", say["colKind"], say["colDistrict"], say["colSubject"], "severity", say["colRaised"], say["colCleared"], say["colDuration"] + " (h)"],
            figures.Flags.Select(f => (IReadOnlyList<object?>)
            [
                f.Id, say.Kind(f.Kind), f.DistrictId, $"{f.SubjectType} {f.SubjectId}", f.Severity, Time(f.Raised), f.Cleared is { } c ? Time(c) : null,
                Math.Round(f.Duration.TotalHours, 3),
            ]));
        workbook.Sheet(say["sheetTrend"], ["at", say["trendDown"], say["trendZones"], say["trendFlags"]],
            figures.Trend.Select(t => (IReadOnlyList<object?>)[Time(t.At), t.SitesDown, t.ActiveZones, t.OpenFlags]));
        return workbook.Write();
    }

    public static byte[] Csv(StoredSitrep report, SitrepWords say)
    {
        var rows = report.Figures.Districts.Append(report.Figures.Province with { Name = say["province"] }).Select(a => Row(a, say)).ToList();
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', rows[0].Keys.Select(SpreadsheetCell.Of)));
        foreach (var row in rows)
            text.AppendLine(string.Join(',', row.Values.Select(v => SpreadsheetCell.Of(Convert.ToString(v, CultureInfo.InvariantCulture)))));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static Dictionary<string, object?> Row(AreaFigures a, SitrepWords say) => new()
    {
        ["districtId"] = a.DistrictId ?? "",
        [say["colDistrict"]] = a.Name,
        [say["colSites"]] = a.Sites.Total,
        [say["colUp"]] = a.Sites.Up,
        [say["colDegraded"]] = a.Sites.Degraded,
        [say["colDown"]] = a.Sites.Down,
        [say["colBattery"]] = a.Sites.OnBattery,
        ["cause_power"] = a.Sites.CausePower,
        ["cause_transport"] = a.Sites.CauseTransport,
        ["cause_damage"] = a.Sites.CauseDamage,
        [say["colAvailability"]] = a.Availability is { } share ? Math.Round(share, 5) : null,
        ["zones_declared"] = a.ZonesDeclared,
        ["zones_lifted"] = a.ZonesLifted,
        ["zones_active"] = a.ZonesActive,
        ["checkpoints_wifi"] = a.CheckpointsWithWifi,
        ["checkpoints_no_wifi"] = a.CheckpointsWithoutWifi,
        [say["colOffices"]] = say.Statuses(a.OfficesByStatus),
        ["flags_raised"] = a.FlagsRaised,
        ["flags_cleared"] = a.FlagsCleared,
    };

    private static string Time(DateTimeOffset at) => at.ToOffset(ObligationRules.LocalOffset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
