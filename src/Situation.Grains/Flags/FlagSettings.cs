namespace Situation.Grains.Flags;

/// <summary>The flag rules' thresholds, the engine's timings and its partitioning, as settings (section <c>Situation:Flags</c>), with their defaults.</summary>
public sealed record FlagSettings
{
    public TimeSpan SiteReportWindow { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan CheckpointReportWindow { get; init; } = TimeSpan.FromMinutes(60);
    public TimeSpan PostalReportWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A connectivity gap is raised when coverage now is below this share of its base.</summary>
    public double GapShareOfBase { get; init; } = 0.75;

    /// <summary>Below this coverage a connectivity gap is critical.</summary>
    public double CriticalCoverage { get; init; } = 0.05;

    public int PowerCriticalMinutes { get; init; } = 60;

    /// <summary>Side of the grid squares that areas are cut into, so a change recomputes only the squares it touches.</summary>
    public double CellSizeMetres { get; init; } = 2000;

    /// <summary>Segments per quarter circle of a coverage disc: 16 gives 64-segment circles, fine enough that a disc's area is within 0.2 % of the true circle's.</summary>
    public int QuadrantSegments { get; init; } = 16;

    /// <summary>
    /// Views gather at least this long before a partition takes them in one step: a burst costs one
    /// recomputation per touched cell, not one per report, and a site reported twice counts once.
    /// </summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A batch waits this many times as long as the last one took (at least <see cref="BatchInterval"/>).</summary>
    public double BatchWaitFactor { get; init; } = 4;

    /// <summary>The longest a partition's batch waits, whatever the load: flags must follow within the latency goal.</summary>
    public TimeSpan LongestBatchWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the engine reads the clock again, so that a report overdue since goes stale.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the open flags (and the summary's history) are stored, when they changed.</summary>
    public TimeSpan PersistInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one step of taking in a burst of areas (2,000 zones) may hold a partition's turn.</summary>
    public TimeSpan StepBudget { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the summary's history takes a point, and how far back it keeps them.</summary>
    public TimeSpan SummarySampleInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan SummaryHistory { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Splits the engine into a partition per district (<see cref="FlagPartition"/>). Unset, a
    /// cluster splits and a single node does not (the host sets it); elsewhere, it splits.
    /// </summary>
    public bool? PartitionByDistrict { get; set; }

    /// <summary>How the engine is split, the one reading of <see cref="PartitionByDistrict"/>.</summary>
    public FlagPartition Partitioning => new(PartitionByDistrict ?? true);
}
