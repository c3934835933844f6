using Situation.Contracts.Directives;

namespace Situation.Grains.Directives;

/// <summary>A stretch of whole hours in which nobody is on one duty.</summary>
public sealed record RosterGap(string Duty, DateTimeOffset Start, DateTimeOffset End)
{
    public double Hours => (End - Start).TotalHours;
}

/// <summary>
/// Which hours of a window a roster leaves a duty without anybody: an hour is covered only when
/// shifts of that duty cover all of it (one after another counts: 07–15 then 15–23 leaves no hole).
/// </summary>
public static class RosterCoverage
{
    public static DateTimeOffset StartOfHour(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static List<RosterGap> Gaps(IEnumerable<ShiftView> shifts, string duty, DateTimeOffset from, DateTimeOffset to)
    {
        var covered = Merge(shifts.Where(s => s.Duty == duty && s.End > from && s.Start < to).Select(s => (s.Start, s.End)));
        var gaps = new List<RosterGap>();
        DateTimeOffset? gapStart = null;
        var hour = StartOfHour(from);
        for (; hour < to; hour = hour.AddHours(1))
        {
            var end = hour.AddHours(1);
            var isCovered = covered.Any(c => c.Start <= hour && c.End >= end);
            if (!isCovered && gapStart is null)
                gapStart = hour;
            if (isCovered && gapStart is { } start)
            {
                gaps.Add(new RosterGap(duty, start, hour));
                gapStart = null;
            }
        }
        // Still open at the window's end: it runs to the end of the window's last hour.
        if (gapStart is { } open)
            gaps.Add(new RosterGap(duty, open, hour));
        return gaps;
    }

    /// <summary>Overlapping or touching intervals as one.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Merge(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var interval in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, interval.End > merged[^1].End ? interval.End : merged[^1].End);
            else
                merged.Add(interval);
        }
        return merged;
    }
}
