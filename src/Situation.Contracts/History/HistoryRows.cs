namespace Situation.Contracts.History;

/// <summary>
/// A version of an entity as the audit trail holds it: <see cref="Body"/> is its view as JSON (null when
/// the version removed it, or when only the marks were asked for).
/// </summary>
public sealed record EntityRow(long Seq, DateTimeOffset At, string Type, string Id, long Version, bool Removed, string? Body);

/// <summary>A flag record as replay reads it; <see cref="Body"/> as in <see cref="EntityRow"/>.</summary>
public sealed record FlagRow(long Seq, DateTimeOffset At, string FlagId, bool Deleted, string? Body);

/// <summary>
/// Where the picture stood at <see cref="At"/>: the audit record of every entity that existed then (its
/// newest version at or before that moment) and the flag record of every flag then open.
/// </summary>
public sealed record HistorySnapshot(DateTimeOffset At, long[] Entities, long[] Flags);
