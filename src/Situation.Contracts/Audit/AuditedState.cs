namespace Situation.Contracts.Audit;

/// <summary>
/// A grain state that carries the audit record of the write that stores it (<see cref="IAuditedState"/>):
/// set before the write, taken by the storage into the trail in the same transaction, cleared after.
/// </summary>
[GenerateSerializer, Alias("situation.audited-state")]
public abstract class AuditedState : IAuditedState
{
    [Id(0)] public AuditedChange? LastChange { get; set; }

    public AuditRecord? TakeRecordOfLastChange()
    {
        var record = LastChange?.ToRecord();
        LastChange = null;
        return record;
    }
}
