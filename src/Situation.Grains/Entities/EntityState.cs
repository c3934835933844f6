using Situation.Contracts.Audit;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

/// <summary>The persisted state of one entity grain: its current view, or null before it exists.</summary>
[GenerateSerializer, Alias("situation.entity-state`1")]
public sealed class EntityState<TView> : IAuditedState where TView : EntityView
{
    [Id(0)] public TView? Current { get; set; }

    /// <summary>
    /// The audit record of the change this write stores, filed by the storage in the same transaction
    /// (see <see cref="AuditedChange"/>); null in any other write.
    /// </summary>
    [Id(1)] public AuditedChange? LastChange { get; set; }

    public AuditRecord? TakeRecordOfLastChange()
    {
        var record = LastChange?.ToRecord();
        LastChange = null;
        return record;
    }
}
