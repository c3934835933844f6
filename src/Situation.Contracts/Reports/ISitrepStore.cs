namespace Situation.Contracts.Reports;

/// <summary>
/// A kept situation report: its period, who made it (or the schedule), and its figures as JSON —
/// the files are rendered from them on each download, in the language asked for. The number is the
/// report's in the DIC's series ("Số: 12/BC-STTTT"), given when it is kept.
/// </summary>
public sealed record SitrepRecord(string Id, DateTimeOffset From, DateTimeOffset To, DateTimeOffset GeneratedAt, string GeneratedBy, bool Scheduled, string Figures)
{
    public long Number { get; init; }
}

/// <summary>The kept reports (README "Situation reports").</summary>
public interface ISitrepStore
{
    /// <summary>Keeps a report and answers it with its number; null when it is a scheduled one whose period already has one.</summary>
    Task<SitrepRecord?> Save(SitrepRecord report);

    /// <summary>The newest reports first, without their figures.</summary>
    Task<IReadOnlyList<SitrepRecord>> List(int limit);

    Task<SitrepRecord?> Get(string id);

    /// <summary>Whether the schedule has made the report of this period already.</summary>
    Task<bool> HasScheduled(DateTimeOffset from, DateTimeOffset to);
}
