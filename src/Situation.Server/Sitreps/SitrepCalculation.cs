using Situation.Contracts.History;
using Situation.Contracts.Incidents;
using Situation.Contracts.Views;
using Situation.Server.History;

namespace Situation.Server.Sitreps;

/// <summary>
/// The report's figures from history, plain C#: the picture at the start of the period, then every
/// version and flag record in it, in the order they happened. Time-weighted figures (availability)
/// integrate between records; counts at the end come from the last state; the trend samples the
/// state at evenly spaced moments.
/// </summary>
public sealed class SitrepCalculation
{
    private readonly SitrepPeriod _period;
    private readonly Dictionary<string, SiteView> _sites = [];
    private readonly Dictionary<string, ZoneView> _zones = [];
    private readonly Dictionary<string, CheckpointView> _checkpoints = [];
    private readonly Dictionary<string, OfficeView> _offices = [];
    private readonly Dictionary<string, RouteView> _routes = [];
    private readonly Dictionary<string, DistrictView> _districts = [];
    private readonly Dictionary<string, FlagView> _open = [];
    private readonly Dictionary<string, FlagLine> _lines = [];
    private readonly Dictionary<string, (double Available, double Existed)> _siteTime = [];

    /// <summary>When each site's present state began (or the period did): its time is counted when the state ends.</summary>
    private readonly Dictionary<string, DateTimeOffset> _siteSince = [];
    private readonly Dictionary<string, (int Declared, int Lifted, int FlagsRaised, int FlagsCleared)> _byDistrict = [];
    private readonly List<TrendPoint> _trend = [];
    private readonly Queue<DateTimeOffset> _samples = new();
    private DateTimeOffset _clock;

    private SitrepCalculation(SitrepPeriod period, PastPicture start, int trendPoints)
    {
        _period = period;
        _clock = period.From;
        foreach (var view in start.Entities.SelectMany(g => g)) Put(view);
        foreach (var flag in start.Flags)
        {
            _open[flag.Id] = flag;
            _lines[flag.Id] = Line(flag, flag.Since, raisedInPeriod: false);
        }
        for (var i = 0; i <= trendPoints; i++)
            _samples.Enqueue(period.From + period.Length * i / trendPoints);
    }

    public static SitrepFigures Compute(SitrepPeriod period, PastPicture start, IEnumerable<EntityRow> entities, IEnumerable<FlagRow> flags,
        IReadOnlyList<IncidentView> incidents, int trendPoints = 24)
    {
        var calculation = new SitrepCalculation(period, start, trendPoints);
        // Versions and flag records in the order they happened; at the same moment, the entity first
        // (a flag follows from what the entity became).
        var events = entities.Select(e => (e.At, Order: 0, e.Seq, Entity: (EntityRow?)e, Flag: (FlagRow?)null))
            .Concat(flags.Select(f => (f.At, Order: 1, f.Seq, Entity: (EntityRow?)null, Flag: (FlagRow?)f)))
            .Where(e => e.At >= period.From && e.At < period.To)
            .OrderBy(e => e.At).ThenBy(e => e.Order).ThenBy(e => e.Seq);
        foreach (var (at, _, _, entity, flag) in events)
        {
            calculation.AdvanceTo(at);
            if (entity is not null) calculation.Take(entity);
            else calculation.Take(flag!);
        }
        calculation.AdvanceTo(period.To);
        return calculation.Figures(incidents);
    }

    /// <summary>Moves time on: the trend's samples that fall before it; at the period's end, every site's time to it.</summary>
    private void AdvanceTo(DateTimeOffset at)
    {
        while (_samples.Count > 0 && _samples.Peek() < at)
            Sample(_samples.Dequeue());
        _clock = at > _clock ? at : _clock;
        if (at < _period.To) return;
        while (_samples.Count > 0)
            Sample(_samples.Dequeue());
        foreach (var site in _sites.Values)
            CountTime(site);
    }

    /// <summary>Counts a site's time in its present state up to now, in service or not: called as the state ends.</summary>
    private void CountTime(SiteView site)
    {
        var since = _siteSince.GetValueOrDefault(site.Id, _period.From);
        var seconds = (_clock - since).TotalSeconds;
        _siteSince[site.Id] = _clock;
        if (seconds <= 0) return;
        var (available, existed) = _siteTime.GetValueOrDefault(site.Id);
        _siteTime[site.Id] = (available + (site.EffectiveHealth == "down" ? 0 : seconds), existed + seconds);
    }

    private void Sample(DateTimeOffset at) =>
        _trend.Add(new TrendPoint(at, _sites.Values.Count(s => s.EffectiveHealth == "down"), _zones.Values.Count(z => z.Status == "active"), _open.Count));

    private void Take(EntityRow row)
    {
        if (row.Removed || row.Body is null)
        {
            if (row.Type == "zone" && _zones.TryGetValue(row.Id, out var gone) && gone.Status == "active") Count(gone.DistrictId, lifted: 1);
            Remove(row.Type, row.Id);
            return;
        }
        var view = Replay.View(row);
        if (view is ZoneView zone)
        {
            var was = _zones.GetValueOrDefault(zone.Id)?.Status;
            if (zone.Status == "active" && was != "active") Count(zone.DistrictId, declared: 1);
            if (zone.Status != "active" && was == "active") Count(zone.DistrictId, lifted: 1);
        }
        Put(view);
    }

    private void Take(FlagRow row)
    {
        var open = _open.TryGetValue(row.FlagId, out var held);
        if (row.Deleted || row.Body is null)
        {
            if (!open) return;
            _open.Remove(row.FlagId);
            _lines[row.FlagId] = _lines[row.FlagId] with { Cleared = row.At, Duration = row.At - _lines[row.FlagId].Raised };
            Count(held!.DistrictId, flagsCleared: 1);
            return;
        }
        var flag = Replay.Flag(row);
        _open[flag.Id] = flag;
        if (open) return;
        // Raised again after it cleared in this period: a new line in its place.
        _lines[flag.Id] = Line(flag, row.At, raisedInPeriod: true);
        Count(flag.DistrictId, flagsRaised: 1);
    }

    private FlagLine Line(FlagView flag, DateTimeOffset raised, bool raisedInPeriod) =>
        new(flag.Id, flag.Kind, flag.DistrictId, flag.Subject.Type, flag.Subject.Id, flag.Severity, raised, null, TimeSpan.Zero, raisedInPeriod);

    private void Count(string? district, int declared = 0, int lifted = 0, int flagsRaised = 0, int flagsCleared = 0)
    {
        var key = district ?? "";
        var (d, l, r, c) = _byDistrict.GetValueOrDefault(key);
        _byDistrict[key] = (d + declared, l + lifted, r + flagsRaised, c + flagsCleared);
    }

    private void Put(EntityView view)
    {
        switch (view)
        {
            case SiteView s:
                if (_sites.TryGetValue(s.Id, out var was)) CountTime(was);
                else _siteSince[s.Id] = _clock;
                _sites[s.Id] = s;
                break;
            case ZoneView z: _zones[z.Id] = z; break;
            case CheckpointView c: _checkpoints[c.Id] = c; break;
            case OfficeView o: _offices[o.Id] = o; break;
            case RouteView r: _routes[r.Id] = r; break;
            case DistrictView d: _districts[d.Id] = d; break;
        }
    }

    private void Remove(string type, string id)
    {
        if (type == "site" && _sites.TryGetValue(id, out var site)) CountTime(site);
        _ = type switch
        {
            "site" => _sites.Remove(id),
            "zone" => _zones.Remove(id),
            "checkpoint" => _checkpoints.Remove(id),
            "office" => _offices.Remove(id),
            "route" => _routes.Remove(id),
            "district" => _districts.Remove(id),
            _ => false,
        };
    }

    private SitrepFigures Figures(IReadOnlyList<IncidentView> incidents)
    {
        var districts = _districts.Values.OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => Area(d.Id, d.Name, s => s.DistrictId == d.Id, includeRoutes: false)).ToList();
        var province = Area(null, "", _ => true, includeRoutes: true);
        var lines = _lines.Values.Select(l => l.Cleared is null ? l with { Duration = _period.To - l.Raised } : l)
            .OrderBy(l => l.Raised).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        var cleared = lines.Where(l => l.Cleared is not null).ToList();
        return new SitrepFigures(_period, province, districts, lines, _trend, Incidents(incidents),
            cleared.Count == 0 ? null : cleared.Average(l => l.Duration.TotalHours));
    }

    private AreaFigures Area(string? district, string name, Func<SiteView, bool> inArea, bool includeRoutes)
    {
        bool In(string? d) => district is null || d == district;
        var sites = _sites.Values.Where(inArea).ToList();
        var notUp = sites.Where(s => s.EffectiveHealth != "up").ToList();
        var time = _siteTime.Where(t => _sites.TryGetValue(t.Key, out var s) ? inArea(s) : false).Select(t => t.Value).ToList();
        var existed = time.Sum(t => t.Existed);
        var counts = district is null
            ? _byDistrict.Values.Aggregate((0, 0, 0, 0), (a, b) => (a.Item1 + b.Declared, a.Item2 + b.Lifted, a.Item3 + b.FlagsRaised, a.Item4 + b.FlagsCleared))
            : _byDistrict.GetValueOrDefault(district);
        var checkpoints = _checkpoints.Values.Where(c => In(c.DistrictId) && c.Status == "active").ToList();
        return new AreaFigures(district, name,
            new SiteCounts(sites.Count, sites.Count(s => s.EffectiveHealth == "up"), sites.Count(s => s.EffectiveHealth == "degraded"),
                sites.Count(s => s.EffectiveHealth == "down"), sites.Count(s => s.Power == "battery"),
                notUp.Count(s => s.Causes.Contains("power")), notUp.Count(s => s.Causes.Contains("transport")), notUp.Count(s => s.Causes.Contains("damage"))),
            existed > 0 ? time.Sum(t => t.Available) / existed : null,
            counts.Item1, counts.Item2, _zones.Values.Count(z => In(z.DistrictId) && z.Status == "active"),
            checkpoints.Count(c => c.Wifi == "ok"), checkpoints.Count(c => c.Wifi != "ok"),
            _offices.Values.Where(o => In(o.DistrictId)).GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count()),
            includeRoutes ? _routes.Values.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()) : null,
            counts.Item3, counts.Item4);
    }

    private IncidentFigures? Incidents(IReadOnlyList<IncidentView> incidents)
    {
        bool In(DateTimeOffset? at) => at is { } t && t >= _period.From && t < _period.To;
        var opened = incidents.Where(i => In(i.OpenedAt)).ToList();
        var restored = incidents.Where(i => In(i.RestoredAt)).ToList();
        if (opened.Count == 0 && restored.Count == 0) return null;
        var acknowledged = opened.Where(i => i.AcknowledgedAt is not null).ToList();
        return new IncidentFigures(opened.Count, restored.Count,
            acknowledged.Count == 0 ? null : acknowledged.Average(i => (i.AcknowledgedAt!.Value - i.OpenedAt).TotalHours),
            restored.Count == 0 ? null : restored.Average(i => (i.RestoredAt!.Value - i.OpenedAt).TotalHours));
    }
}
