namespace Situation.Contracts.Audit;

/// <summary>
/// A grain state that carries the audit record of the change it holds. Both grain stores write that
/// record in the same transaction as the state: a change and its record are one durable write.
/// </summary>
public interface IAuditedState
{
    /// <summary>
    /// The record, taken out of the state: for a store that files it in its own table, so that the
    /// state it stores beside it does not carry the same before and after a second time.
    /// </summary>
    AuditRecord? TakeRecordOfLastChange();
}
