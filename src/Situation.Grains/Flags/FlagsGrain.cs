using System.Diagnostics;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Situation.Contracts.Audit;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Live;
using Situation.Grains.Spatial;
using Situation.Grains.Telemetry;

namespace Situation.Grains.Flags;

/// <summary>
/// Hosts the flag engine for the province: feeds it every view the indexes publish, re-reads the
/// clock on a timer so silence turns into staleness, sends flag changes to the live feed and writes
/// what it derives (stale, upstream down) back onto the entities.
/// </summary>
public sealed class FlagsGrain(
    [PersistentState("flags", "Default")] IPersistentState<FlagsState> state,
    IOptions<FlagSettings> settings,
    TimeProvider clock,
    IChangeFeed feed,
    IAuditLog audit,
    ILogger<FlagsGrain> logger) : Grain, IFlagsGrain
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan HistoryKept = TimeSpan.FromDays(1);

    /// <summary>
    /// Views gather this long before the engine takes them in one step: a burst costs one
    /// recomputation per touched cell, not one per report, and a site reported twice counts once.
    /// </summary>
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);

    private readonly Dictionary<(string Type, string Id), EntityView> _pending = [];

    /// <summary>Fires once, BatchInterval after the first view of a batch: nothing ticks while nothing arrives.</summary>
    private IGrainTimer _applyTimer = null!;
    private bool _applyScheduled;
    private readonly HashSet<string> _districts = new(StringComparer.Ordinal);
    /// <summary>Null until the engine's first build after activation is done.</summary>
    private FlagEngine? _engine;

    /// <summary>
    /// The first build, started by the activation and run off the grain's thread (at 150,000 sites
    /// it takes seconds): calls are taken meanwhile, and those that need the engine wait for it.
    /// </summary>
    private Task _built = Task.CompletedTask;

    /// <summary>A build again for a new district, while it runs.</summary>
    private Task? _rebuilding;
    /// <summary>The open set or the history changed since the last write.</summary>
    private bool _unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TickInterval, TickInterval) { KeepAlive = true });
        _applyTimer = this.RegisterGrainTimer(ApplyScheduled, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        this.RegisterGrainTimer(PersistIfChanged, new GrainTimerCreationOptions(PersistInterval, PersistInterval) { KeepAlive = true });
        _built = BuildFirst();
        return Task.CompletedTask;
    }

    private async Task BuildFirst()
    {
        try
        {
            await Load(state.State.Open);
            Sample();
            // What was observed meanwhile is taken in by a batch of its own. Not here: this task is
            // no request, so calls interleave with its awaits, and a second build (a new district)
            // must never run beside another.
            if (_pending.Count > 0)
                ScheduleApply();
        }
        catch (Exception error)
        {
            logger.LogError(error, "The flag engine could not be built; the flags grain starts again on its next call");
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The engine, built, with every view observed so far taken in.</summary>
    private async Task<FlagEngine> Engine()
    {
        await _built;
        await ApplyPending();
        return _engine!;
    }

    /// <summary>
    /// Builds the engine from the whole province, projected around the centre of its districts.
    /// Done again when a district is added, since that moves the centre: a projection centred on
    /// part of the province would misplace the far side.
    /// </summary>
    private async Task Load(IEnumerable<FlagView> remembered)
    {
        var started = Stopwatch.GetTimestamp();
        var views = await ReadProvince();
        var read = Stopwatch.GetElapsedTime(started);
        var districts = views.OfType<DistrictView>().ToList();
        var options = settings.Value;
        // Built on a thread of its own: a grain turn holds its thread only for short steps, and the
        // seconds a large province's geometry takes must not hold a thread-pool thread either.
        var engine = await Task.Factory.StartNew(() => Build(options, clock, views, districts, remembered), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _engine = engine;
        _districts.Clear();
        _districts.UnionWith(districts.Select(d => d.Id));
        Publish();
        logger.LogInformation("Flag engine loaded {Count} entities of {Districts} districts in {Seconds:0.00} s ({ReadSeconds:0.00} s reading the indexes); {Flags} flags open",
            views.Count, districts.Count, Stopwatch.GetElapsedTime(started).TotalSeconds, read.TotalSeconds, engine.OpenFlags.Count());
    }

    private static FlagEngine Build(FlagSettings options, TimeProvider clock, List<EntityView> views, List<DistrictView> districts, IEnumerable<FlagView> remembered)
    {
        var centre = Centre(districts);
        var engine = new FlagEngine(options, clock, centre.X, centre.Y);
        engine.RememberFlags(remembered);
        // Areas first, so that every site finds the cells its disc reaches.
        engine.ApplyMany(views.OrderBy(v => v is DistrictView or ZoneView ? 0 : 1));
        engine.ForgetUnraisedFlags();
        return engine;
    }

    private async Task<List<EntityView>> ReadProvince()
    {
        var districtIds = await GrainFactory.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds();
        var keys = districtIds.Select(IndexKey.ForDistrict).Append(IndexKey.ProvinceWide);
        var parts = await Task.WhenAll(keys.Select(k => GrainFactory.GetGrain<IIndexGrain>(k).Read(null)));
        return parts.SelectMany(p => p).ToList();
    }

    /// <summary>The centre of the province's districts, where the engine's projection is true.</summary>
    private static Coordinate Centre(List<DistrictView> districts)
    {
        if (districts.Count == 0)
            return new Coordinate(0, 0);
        var envelope = new Envelope();
        foreach (var district in districts)
            envelope.ExpandToInclude(Geo.Read(district.Boundary).EnvelopeInternal);
        return envelope.Centre;
    }

    public Task Observe(Immutable<EntityView[]> views)
    {
        foreach (var view in views.Value)
        {
            var key = (view.EntityType, view.Id);
            if (!_pending.TryGetValue(key, out var held) || held.Version <= view.Version)
                _pending[key] = view;
        }
        ScheduleApply();
        return Task.CompletedTask;
    }

    private void ScheduleApply()
    {
        if (_applyScheduled)
            return;
        _applyScheduled = true;
        _applyTimer.Change(BatchInterval, Timeout.InfiniteTimeSpan);
    }

    private Task ApplyScheduled()
    {
        _applyScheduled = false;
        return ApplyPending();
    }

    private async Task ApplyPending()
    {
        // Before the first build is done, what arrives waits: the build schedules a batch for it.
        if (_engine is null)
            return;
        // One build at a time: the list interleaves with every call, so it may come in while
        // another call waits for a build.
        while (_rebuilding is { } rebuilding)
            await rebuilding;
        // A new district moves the province's centre: the engine is built again.
        if (_pending.Values.Any(v => v is DistrictView district && !_districts.Contains(district.Id)))
        {
            // The indexes already hold every pending view: the reload reads them all.
            _pending.Clear();
            _rebuilding = Load(_engine.OpenFlags.ToList());
            try { await _rebuilding; }
            finally { _rebuilding = null; }
            return;
        }
        if (_pending.Count > 0)
        {
            _engine.ApplyMany(_pending.Values.OrderBy(v => v is DistrictView or ZoneView ? 0 : 1).ToList());
            _pending.Clear();
            Publish();
        }
    }

    private async Task Tick()
    {
        if (_engine is null)
            return;
        await ApplyPending();
        _engine.Tick();
        Publish();
        Sample();
    }

    /// <summary>Once a minute the province's totals join the history the leaders' summary charts.</summary>
    private void Sample()
    {
        if (_engine is null)
            return;
        var now = clock.GetUtcNow();
        var history = state.State.History;
        if (history.Count > 0 && now - history[^1].At < SampleInterval)
            return;
        history.Add(_engine.Summarise(now));
        history.RemoveAll(p => now - p.At > HistoryKept);
        _unsaved = true;
    }

    public async Task<SummaryPoint[]> Summary()
    {
        var engine = await Engine();
        return [.. state.State.History, engine.Summarise(clock.GetUtcNow())];
    }

    public async Task<FlagView[]> List(string? districtId, string? kind)
    {
        // While the first build after a restart runs, the flags as last stored answer, so the map a
        // leader opens then is not held back by it; whatever the build changes reaches every client
        // live, each change with a version above the stored one. A first start ever has nothing
        // stored to answer with, and waits.
        var open = _engine is null && state.RecordExists ? state.State.Open : (await Engine()).OpenFlags;
        return open.Where(f => (districtId is null || f.DistrictId == districtId) && (kind is null || f.Kind == kind))
            .OrderBy(f => f.Severity == "critical" ? 0 : 1).ThenByDescending(f => f.Since).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<FlagView?> Acknowledge(string flagId, Actor actor)
    {
        var engine = await Engine();
        var before = engine.OpenFlags.FirstOrDefault(f => f.Id == flagId);
        var acknowledged = engine.Acknowledge(flagId, actor.Name);
        if (acknowledged is null)
            return null;
        // An acknowledgement is a person's write: it is stored, and its audit record appended, before it is confirmed.
        await Persist();
        Publish();
        await audit.Append([new AuditRecord(acknowledged.Acks[^1].At, actor.Name, "flag", acknowledged.Id, acknowledged.Version,
            "acknowledge", ViewJson.Write(before), ViewJson.Write(acknowledged))]);
        return acknowledged;
    }

    public async Task<PowerPriorityItem[]> PowerPriority()
    {
        return (await Engine()).PowerPriority().ToArray();
    }

    public async Task<WhatIfArea[]> WhatIf(string[] siteIds)
    {
        return (await Engine()).WhatIf(siteIds).ToArray();
    }

    public async Task<int> RepublishOpen()
    {
        var open = (await Engine()).OpenFlags.ToList();
        foreach (var flag in open)
            feed.Publish(new LiveChange("flag", flag.Id, flag.Version, Deleted: false, flag, flag.DistrictId is { } district ? [district] : []));
        return open.Count;
    }

    public async Task<Dictionary<string, DistrictCounters>> Counters() => (await Engine()).Counters();

    private void Publish()
    {
        if (_engine is not { } engine)
            return;
        var changed = false;
        foreach (var change in engine.DrainFlagChanges())
        {
            changed = true;
            SituationMetrics.FlagChanges.Add(1);
            var flag = change.Flag;
            feed.Publish(new LiveChange("flag", flag.Id, flag.Version, change.Deleted, change.Deleted ? null : flag,
                flag.DistrictId is { } district ? [district] : []));
            _unsaved = true;
        }
        if (changed)
        {
            var open = engine.OpenFlags.ToList();
            SituationMetrics.SetOpenFlags(open.Count, open.Count(f => f.Severity == "critical"));
        }
        foreach (var (type, id, derived, basedOn) in engine.DrainDerivedChanges())
            GrainFactory.Get<IReportingGrain>(type, id).SetDerived(derived, basedOn).Ignore();
    }

    private async Task PersistIfChanged()
    {
        if (_unsaved)
            await Persist();
    }

    private async Task Persist()
    {
        // Nothing is unsaved before the engine exists: it is what changes the open set.
        if (_engine is not { } engine)
            return;
        _unsaved = false;
        state.State = new FlagsState { Open = engine.OpenFlags.ToList(), History = state.State.History };
        await state.WriteStateAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
            await Persist();
    }
}
