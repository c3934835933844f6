using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Flags;

/// <summary>
/// Puts the province-wide answers together from the partitions' parts, in the order the single
/// engine gave them, so that no caller can tell how many partitions answered.
/// </summary>
public static class FlagGather
{
    /// <summary>Most urgent first: critical, then the newest, then by id so the order is stable.</summary>
    public static FlagView[] Order(IEnumerable<FlagView> flags) => flags
        .OrderBy(f => f.Severity == Words.Severity.Critical ? 0 : 1).ThenByDescending(f => f.Since).ThenBy(f => f.Id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// The power-priority queue: each site's shares added up, ranked by the quarantine-zone coverage
    /// it would take down, then the district coverage, then by battery left.
    /// </summary>
    public static List<PowerPriorityItem> Rank(IEnumerable<PowerShare> shares) => shares
        .GroupBy(s => s.Site.Id, StringComparer.Ordinal)
        .Select(Merge)
        .OrderByDescending(i => i.ZoneLossKm2).ThenByDescending(i => i.DistrictLossKm2)
        .ThenBy(i => i.BatteryMinutes ?? int.MaxValue).ThenBy(i => i.SiteId, StringComparer.Ordinal)
        .Select((item, index) => item with { Rank = index + 1 })
        .ToList();

    private static PowerPriorityItem Merge(IEnumerable<PowerShare> ofOneSite)
    {
        var shares = ofOneSite.ToList();
        // Partitions may hold a version apart for a moment: the newest says what the site is.
        var site = shares.MaxBy(s => s.Site.Version)!.Site;
        return new PowerPriorityItem
        {
            SiteId = site.Id, Operator = site.Operator, DistrictId = site.DistrictId, Power = site.Power,
            BatteryMinutes = site.BatteryMinutes,
            ZoneLossKm2 = Math.Round(shares.Sum(s => s.ZoneLossM2) / 1e6, 4),
            DistrictLossKm2 = Math.Round(shares.Sum(s => s.DistrictLossM2) / 1e6, 4),
            Zones = [.. shares.SelectMany(s => s.Zones).Distinct().Order(StringComparer.Ordinal)],
            Dependents = shares.Max(s => s.Dependents) ?? 0,
        };
    }

    /// <summary>Zones before districts, the worst coverage first.</summary>
    public static List<WhatIfArea> Order(IEnumerable<WhatIfArea> areas) => areas
        .OrderBy(a => a.Area.Type == EntityType.Zone ? 0 : 1).ThenBy(a => a.NowIfDown).ThenBy(a => a.Area.Id, StringComparer.Ordinal)
        .ToList();

    public static SummaryPoint Sum(DateTimeOffset at, IEnumerable<SummaryPoint> parts) => parts.Aggregate(
        new SummaryPoint { At = at },
        (total, part) => total with
        {
            Sites = total.Sites + part.Sites,
            SitesDown = total.SitesDown + part.SitesDown,
            SitesDegraded = total.SitesDegraded + part.SitesDegraded,
            SitesUnknown = total.SitesUnknown + part.SitesUnknown,
            ActiveZones = total.ActiveZones + part.ActiveZones,
            OpenFlags = total.OpenFlags + part.OpenFlags,
            CriticalFlags = total.CriticalFlags + part.CriticalFlags,
        });
}
