using Situation.Contracts.Model;

namespace Situation.Contracts.Audit;

/// <summary>
/// What an entity grain keeps beside its state about its last change, stored in the same write:
/// if the process dies between storing the state and appending the audit record, the next
/// activation appends it from here, so no stored change goes without its record.
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

    public AuditRecord ToRecord(string entityType, string entityId) =>
        new(At, Actor, entityType, entityId, Version, Action, Before, After);

    public static AuditedChange Of(Actor actor, string action, long version, DateTimeOffset at, string? before, string? after) =>
        new() { Actor = actor.Name, Action = action, Version = version, At = at, Before = before, After = after };
}
