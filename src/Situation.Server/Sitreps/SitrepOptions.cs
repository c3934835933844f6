namespace Situation.Server.Sitreps;

/// <summary>The situation reports (<c>Situation:Sitreps</c>).</summary>
public sealed class SitrepOptions
{
    /// <summary>When, on Gia Lai's clock, the previous day's report is made each day; empty: never by itself.</summary>
    public TimeSpan? DailyAt { get; set; } = TimeSpan.FromHours(7);

    /// <summary>A folder holding the report's font files (DejaVuSans.ttf and DejaVuSans-Bold.ttf); by default the machine's fonts.</summary>
    public string? FontDirectory { get; set; }
}
