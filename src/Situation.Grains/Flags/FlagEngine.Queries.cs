using Situation.Contracts.Model;
using Situation.Contracts.Views;
using static Situation.Contracts.Model.Words;

namespace Situation.Grains.Flags;

public sealed partial class FlagEngine
{
    /// <summary>The totals now of what this engine owns: the province's, or its partition's.</summary>
    public SummaryPoint Summarise(DateTimeOffset at)
    {
        var open = _flags.Open.ToList();
        var sites = _sites.Values.Where(s => _owns(s.View.DistrictId)).ToList();
        return new SummaryPoint
        {
            At = at,
            Sites = sites.Count,
            SitesDown = sites.Count(s => s.Effective == Health.Down),
            SitesDegraded = sites.Count(s => s.Effective == Health.Degraded),
            SitesUnknown = sites.Count(s => s.Effective == Health.Unknown),
            ActiveZones = _zones.Values.Count(z => z.Status == ZoneStatus.Active && _owns(z.DistrictId)),
            OpenFlags = open.Count,
            CriticalFlags = open.Count(f => f.Severity == Severity.Critical),
        };
    }

    public Dictionary<string, DistrictCounters> Counters()
    {
        var counters = new Dictionary<string, DistrictCounters>(StringComparer.Ordinal);
        foreach (var districtId in _districts.Keys.Where(_owns))
        {
            // In a fixed order, whichever sites came first.
            var counted = _sites.Values.Where(s => s.View.DistrictId == districtId).CountBy(s => s.Effective).ToDictionary();
            var sites = new[] { Health.Up, Health.Degraded, Health.Down, Health.Unknown }.ToDictionary(h => h, h => counted.GetValueOrDefault(h));
            var checkpoints = _checkpoints.Values.Where(c => c.View.DistrictId == districtId && c.View.Status == CheckpointStatus.Active).ToList();
            var offices = _offices.Values.Where(o => o.View.DistrictId == districtId).ToList();
            var routes = _routes.Values.Where(r => r.View.DistrictIds.Contains(districtId)).ToList();
            counters[districtId] = new DistrictCounters
            {
                Sites = sites,
                CheckpointsWithWifi = checkpoints.Count(c => c.View.Wifi == Wifi.Ok && !c.Stale),
                CheckpointsWithoutWifi = checkpoints.Count(c => c.View.Wifi != Wifi.Ok || c.Stale),
                Offices = offices.Count,
                OfficesOpen = offices.Count(o => FlagRules.Serves(o.View, o.Stale)),
                Routes = routes.Count,
                RoutesRunning = routes.Count(r => FlagRules.Serves(r.View, r.Stale)),
                OpenFlags = FlagKind.All.ToDictionary(k => k, k => _flags.Open.Count(f => f.Kind == k && f.DistrictId == districtId)),
            };
        }
        return counters;
    }

    /// <summary>
    /// Sites up on battery or generator, ranked by the quarantine-zone coverage, then the district
    /// coverage that would be lost if each went down (with what depends on it), then by battery left.
    /// </summary>
    public List<PowerPriorityItem> PowerPriority() => FlagGather.Rank(PowerShares());

    /// <summary>
    /// For each site up on battery or generator, the coverage the areas held here would lose if it
    /// went down with what depends on it: a partition's share of the power-priority queue.
    /// </summary>
    public List<PowerShare> PowerShares()
    {
        var shares = new List<PowerShare>();
        foreach (var site in _sites.Values.Where(s => s.Covers))
        {
            if (site.View.Power is not (Power.Battery or Power.Generator))
                continue;
            var down = WithDependents([site]);
            var (zoneLoss, districtLoss, zones) = (0.0, 0.0, new SortedSet<string>(StringComparer.Ordinal));
            foreach (var (cell, lost) in LossIfDown(down))
            {
                if (cell.Area.Type == EntityType.Zone) { zoneLoss += lost; zones.Add(cell.Area.Id); }
                else districtLoss += lost;
            }
            shares.Add(new PowerShare
            {
                Site = site.View, ZoneLossM2 = zoneLoss, DistrictLossM2 = districtLoss, Zones = [.. zones],
                Dependents = _owns(site.View.DistrictId) ? down.Count - 1 : null,
            });
        }
        return shares;
    }

    /// <summary>Which areas would raise or worsen a connectivity gap if these sites went down; changes nothing.</summary>
    public List<WhatIfArea> WhatIf(IEnumerable<string> siteIds)
    {
        var down = WithDependents(siteIds.Select(id => _sites.GetValueOrDefault(id)).OfType<SiteModel>());
        var lossByArea = new Dictionary<Area, double>();
        foreach (var (cell, lost) in LossIfDown(down))
            lossByArea[cell.Area] = lossByArea.GetValueOrDefault(cell.Area) + lost;
        var answers = new List<WhatIfArea>();
        foreach (var (area, lost) in lossByArea)
        {
            var (now, @base) = (Fraction(area.Now), Fraction(area.Base));
            var nowIfDown = Fraction(area.Size > 0 ? Math.Max(0, area.Now - lost / area.Size) : 0);
            var severityNow = FlagRules.ConnectivityGap(now, @base, _settings);
            var severityIfDown = FlagRules.ConnectivityGap(nowIfDown, @base, _settings);
            if (severityIfDown is null || (severityNow is not null && nowIfDown >= now))
                continue;
            answers.Add(new WhatIfArea
            {
                Area = new FlagSubject(area.Type, area.Id), DistrictId = area.DistrictId, Base = @base,
                Now = now, NowIfDown = nowIfDown, SeverityNow = severityNow, SeverityIfDown = severityIfDown,
                Effect = severityNow is null ? "raised" : "worsened",
            });
        }
        return FlagGather.Order(answers);
    }

    /// <summary>The sites themselves and every site that would go down behind them (cause transport).</summary>
    private HashSet<SiteModel> WithDependents(IEnumerable<SiteModel> roots)
    {
        var down = new HashSet<SiteModel>();
        var queue = new Queue<SiteModel>(roots);
        while (queue.TryDequeue(out var site))
        {
            if (!down.Add(site))
                continue;
            foreach (var id in site.Dependents)
                if (_sites.TryGetValue(id, out var child))
                    queue.Enqueue(child);
        }
        return down;
    }

    /// <summary>For each cell these sites cover now, the square metres it would lose without them.</summary>
    private IEnumerable<(Cell Cell, double Lost)> LossIfDown(HashSet<SiteModel> down)
    {
        var cells = down.Where(s => s.Covers).SelectMany(s => s.Cells).Distinct();
        foreach (var cell in cells)
        {
            var lost = cell.Now - cell.CoveredBy(cell.Discs.Where(d => d.Covers && !down.Contains(d)));
            if (lost > 1e-6)
                yield return (cell, lost);
        }
    }
}
