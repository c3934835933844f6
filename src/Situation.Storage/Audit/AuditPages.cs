using Situation.Contracts.Audit;

namespace Situation.Storage.Audit;

internal static class AuditPages
{
    /// <summary>The stores read one record more than a page: its presence says there is a next page.</summary>
    public static AuditPage Cut(List<AuditRecord> items, int limit)
    {
        if (items.Count <= limit)
            return new AuditPage(items, null);
        items.RemoveRange(limit, items.Count - limit);
        return new AuditPage(items, items[^1].Seq);
    }
}
