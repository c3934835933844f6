namespace Situation.Grains.Entities;

/// <summary>How entity grains store repeated reports and hand their views to the indexes (section <c>Situation:Entities</c>).</summary>
public sealed class EntityOptions
{
    /// <summary>
    /// A report that changes nothing but its time (a heartbeat) is written at most this often, so a
    /// restart loses at most this much of lastReportAt without rewriting the whole state on every
    /// repeated report.
    /// </summary>
    public TimeSpan HeartbeatWriteInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stored view is offered again to an index that did not take it (its node was dying).</summary>
    public TimeSpan IndexHandOverFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often it is offered again meanwhile.</summary>
    public TimeSpan IndexHandOverEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether an entity written by a load (the demo's first start) lets its activation go after the
    /// write, since its index holds its view. Unset, a single node lets go and a cluster does not (the
    /// host sets it): letting go spreads the grains over the nodes as they are next used, and a node
    /// frozen and declared dead, once resumed, still serves its own activations until it learns it is
    /// dead, while their duplicates elsewhere answer from storage (README, Running a cluster).
    /// </summary>
    public bool? LetGoAfterLoad { get; set; }
}
