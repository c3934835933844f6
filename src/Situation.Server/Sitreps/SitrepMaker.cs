using Microsoft.Extensions.Options;
using Situation.Contracts.History;
using Situation.Contracts.Incidents;
using Situation.Contracts.Reports;
using Situation.Server.History;
using Situation.Grains.Directives;

namespace Situation.Server.Sitreps;

/// <summary>
/// Makes a situation report (README "Situation reports"): the picture at the period's start by
/// replay, every version and flag record in the period from the history, the incidents from their
/// board; computes the figures and keeps them. The files are rendered from the kept figures.
/// </summary>
public sealed class SitrepMaker(IHistoryStore history, Replay replay, ISitrepStore store, IGrainFactory grains, TimeProvider clock, IOptions<SitrepOptions> options)
{
    public async Task<StoredSitrep?> Make(SitrepPeriod period, string by, bool scheduled, CancellationToken cancellationToken = default)
    {
        var figures = await Figures(period, cancellationToken);
        var record = await store.Save(new SitrepRecord(Guid.NewGuid().ToString("N")[..12], period.From, period.To, clock.GetUtcNow(), by, scheduled, StoredSitrep.Write(figures)));
        return record is null ? null : StoredSitrep.Of(record);
    }

    public async Task<SitrepFigures> Figures(SitrepPeriod period, CancellationToken cancellationToken = default, bool incidents = true)
    {
        var start = await replay.At(period.From, cancellationToken);
        var (entities, flags) = await history.Between(period.From, period.To, HistorySnapshots.EntityTypes, bodies: true, cancellationToken);
        var board = incidents ? await grains.GetGrain<IIncidentBoardGrain>(IIncidentBoardGrain.Key).List() : [];
        return SitrepCalculation.Compute(period, start, entities, flags, board);
    }

    /// <summary>
    /// A district's availability in each of <paramref name="points"/> equal parts of the period (the
    /// details panel's chart): the report's own figure, part by part.
    /// </summary>
    public async Task<IReadOnlyList<AvailabilityPoint>> Availability(string districtId, SitrepPeriod period, int points, CancellationToken cancellationToken = default)
    {
        var series = new List<AvailabilityPoint>(points);
        for (var i = 0; i < points; i++)
        {
            var part = new SitrepPeriod(period.From + period.Length * i / points, period.From + period.Length * (i + 1) / points);
            var area = (await Figures(part, cancellationToken, incidents: false)).Districts.FirstOrDefault(d => d.DistrictId == districtId);
            series.Add(new AvailabilityPoint(part.From, part.To, area?.Availability, area?.Sites.Down ?? 0));
        }
        return series;
    }

    /// <summary>The report as a file in the language asked for; null for a format it is not made in.</summary>
    public (byte[] Content, string MediaType)? Render(StoredSitrep report, string format, string? lang)
    {
        var say = SitrepWords.For(lang);
        return format switch
        {
            "pdf" => ReportFonts.Install(options.Value.FontDirectory)
                ? (SitrepPdf.Render(report, say), "application/pdf")
                : throw new FontsMissingException(),
            "xlsx" => (SitrepTables.Xlsx(report, say), XlsxMediaType),
            "csv" => (SitrepTables.Csv(report, say), "text/csv; charset=utf-8"),
            _ => null,
        };
    }

    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The day before the one <paramref name="now"/> falls in, midnight to midnight on Gia Lai's clock.</summary>
    public static SitrepPeriod Yesterday(DateTimeOffset now)
    {
        var local = now.ToOffset(ObligationRules.LocalOffset);
        var today = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, ObligationRules.LocalOffset);
        return new SitrepPeriod(today.AddDays(-1), today);
    }
}

/// <summary>A part of a period: the district's availability in it and its sites down at its end.</summary>
public sealed record AvailabilityPoint(DateTimeOffset From, DateTimeOffset To, double? Availability, int SitesDown);

/// <summary>No font with Vietnamese diacritics is installed: the PDF cannot be made here.</summary>
public sealed class FontsMissingException() : Exception("No font with Vietnamese diacritics is installed: install Debian's fonts-dejavu-core, or set Situation:Sitreps:FontDirectory");
