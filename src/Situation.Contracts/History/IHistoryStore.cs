namespace Situation.Contracts.History;

/// <summary>
/// What replay reads (README "History"): the audit trail's entity versions, the flag log, and the
/// snapshots that keep a replay from reading either from its beginning. A moment belongs to a record
/// when the record's time is at or before it.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Appends flag changes; completes when they are stored.</summary>
    Task AppendFlags(IReadOnlyList<FlagRecord> records);

    /// <summary>The time of the oldest record of the given types or of the flag log; null when there is none.</summary>
    Task<DateTimeOffset?> Earliest(IReadOnlyCollection<string> entityTypes);

    /// <summary>The newest snapshot taken at or before the moment (any, when null), if there is one.</summary>
    Task<HistorySnapshot?> LatestSnapshot(DateTimeOffset? atOrBefore);

    /// <summary>Stores a snapshot; one already stored for the same moment is kept as it was.</summary>
    Task SaveSnapshot(HistorySnapshot snapshot);

    /// <summary>
    /// The versions of entities of the given types and the flag records whose time is after
    /// <paramref name="after"/> (from the beginning when null) and at or before <paramref name="upTo"/>,
    /// in the order they were stored; with their bodies or without.
    /// </summary>
    Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Between(
        DateTimeOffset? after, DateTimeOffset upTo, IReadOnlyCollection<string> entityTypes, bool bodies, CancellationToken cancellationToken = default);

    /// <summary>The records a snapshot points at, with their bodies or without.</summary>
    Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Of(
        HistorySnapshot snapshot, bool bodies, CancellationToken cancellationToken = default);
}
