using Situation.Contracts.Model;

namespace Situation.Contracts.Audit;

/// <summary>
/// The audit record of an entity's last change, kept in the grain's state beside the view it made.
/// The grain storage writes it to the trail in the same transaction as the state (the SQLite
/// writer; PostgreSQL's write function), so no stored change goes without its record. It names its
/// entity, so that the store needs nothing else to file it.
/// </summary>
[GenerateSerializer, Alias("situation.audited-change")]
public sealed class AuditedChange
{
    [Id(0)] public string Actor { get; set; } = "";
    [Id(1)] public string Action { get; set; } = "";
    [Id(2)] public string? Before { get; set; }
    [Id(3)] public string? After { get; set; }
    [Id(4)] public long Version { get; set; }
    [Id(5)] public DateTimeOffset At { get; set; }
    [Id(6)] public string EntityType { get; set; } = "";
    [Id(7)] public string EntityId { get; set; } = "";

    public AuditRecord ToRecord() => new(At, Actor, EntityType, EntityId, Version, Action, Before, After);

    public static AuditedChange Of(string entityType, string entityId, Actor actor, string action, long version, DateTimeOffset at, string? before, string? after) =>
        new() { EntityType = entityType, EntityId = entityId, Actor = actor.Name, Action = action, Version = version, At = at, Before = before, After = after };
}
