using Situation.Contracts.Incidents;

namespace Situation.Server.Incidents;

/// <summary>One enterprise's or district's incidents over a period: how many, and how fast they were acknowledged and restored.</summary>
/// <param name="Key">The enterprise's code or the district's; "" for incidents of no district.</param>
/// <param name="Open">Open now, whenever they were opened.</param>
/// <param name="Opened">Opened in the period.</param>
/// <param name="Resolved">Resolved in the period.</param>
/// <param name="MeanTimeToAcknowledgeSeconds">Over the incidents acknowledged in the period.</param>
/// <param name="MeanTimeToRestoreSeconds">Over the incidents whose service came back in the period.</param>
public sealed record IncidentRollup(string Key, int Open, int Opened, int Resolved, double? MeanTimeToAcknowledgeSeconds, double? MeanTimeToRestoreSeconds);

/// <summary>The leaders' summary of incidents since a moment, per enterprise and per district.</summary>
public sealed record IncidentSummary(DateTimeOffset Since, DateTimeOffset Until, IncidentRollup Province, IncidentRollup[] Enterprises, IncidentRollup[] Districts)
{
    public static IncidentSummary Of(IReadOnlyCollection<IncidentView> incidents, DateTimeOffset since, DateTimeOffset until) => new(
        since, until, Rollup("", incidents, since),
        [.. incidents.GroupBy(i => i.EnterpriseId).Select(g => Rollup(g.Key, [.. g], since)).OrderBy(r => r.Key, StringComparer.Ordinal)],
        [.. incidents.GroupBy(i => i.DistrictId ?? "").Select(g => Rollup(g.Key, [.. g], since)).OrderBy(r => r.Key, StringComparer.Ordinal)]);

    private static IncidentRollup Rollup(string key, IReadOnlyCollection<IncidentView> incidents, DateTimeOffset since)
    {
        var acknowledged = incidents.Where(i => i.AcknowledgedAt >= since).Select(i => i.TimeToAcknowledgeSeconds!.Value).ToList();
        var restored = incidents.Where(i => i.RestoredAt >= since && i.State != Contracts.Model.Words.IncidentState.Cancelled).Select(i => i.TimeToRestoreSeconds!.Value).ToList();
        return new IncidentRollup(key,
            Open: incidents.Count(i => i.IsOpen),
            Opened: incidents.Count(i => i.OpenedAt >= since),
            Resolved: incidents.Count(i => i.State == Contracts.Model.Words.IncidentState.Resolved && i.ClosedAt >= since),
            acknowledged.Count == 0 ? null : acknowledged.Average(),
            restored.Count == 0 ? null : restored.Average());
    }
}
