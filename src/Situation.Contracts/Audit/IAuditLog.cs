namespace Situation.Contracts.Audit;

/// <summary>
/// The append-only audit trail. <see cref="Append"/> completes once the records are durable; a
/// record already stored (same entity and version) is kept as it was.
/// </summary>
public interface IAuditLog
{
    Task Append(IReadOnlyList<AuditRecord> records);

    Task<AuditPage> Query(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Filters of <c>GET /api/audit</c>; newest first, continuing below <see cref="Before"/>.</summary>
public sealed record AuditQuery(
    string? EntityType = null,
    string? EntityId = null,
    string? Actor = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? Before = null,
    int Limit = 100);

/// <summary>One page of records; <see cref="Next"/> is the cursor of the following page, if any.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long? Next);
