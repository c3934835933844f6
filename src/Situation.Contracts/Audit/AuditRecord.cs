namespace Situation.Contracts.Audit;

/// <summary>
/// One accepted change: who made it, when, to which entity, and the entity's state before and after
/// (as the API shows it, JSON). One record per version of an entity, so (type, id, version) is unique
/// and appending the same change twice keeps one record.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    string Actor,
    string EntityType,
    string EntityId,
    long Version,
    string Action,
    string? Before,
    string? After)
{
    /// <summary>The position in the log, given by the store; 0 before it is stored.</summary>
    public long Seq { get; init; }
}
