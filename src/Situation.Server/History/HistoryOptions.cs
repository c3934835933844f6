namespace Situation.Server.History;

/// <summary>How replay's snapshots are taken (<c>Situation:History</c>).</summary>
public sealed class HistoryOptions
{
    /// <summary>
    /// A snapshot is taken at every multiple of this (UTC): a replay reads the newest one before its
    /// moment and at most this much of the records after it.
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long after its moment a snapshot is taken: a record is stored a little after its time
    /// (group commit; in cluster mode the audit record follows its state), and one stored after the
    /// snapshot that should hold it would be missing from every replay that starts there.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many flag changes may wait for the store (it is away) before the oldest are dropped, with an error logged.</summary>
    public int FlagBacklogLimit { get; set; } = 200_000;
}
