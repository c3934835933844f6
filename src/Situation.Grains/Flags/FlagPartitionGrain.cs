using System.Diagnostics;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Situation.Contracts.Audit;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;

namespace Situation.Grains.Flags;

/// <summary>
/// Hosts the flag engine of one district (or of the whole province, when the engine is not split):
/// takes in the views the flags grain routes here, re-reads
/// the clock on a timer so silence turns into staleness, sends the district's flag changes to the
/// live feed and writes what it derives (stale, upstream down) back onto the district's entities.
/// </summary>
public sealed class FlagPartitionGrain(
    [PersistentState("flags", "Default")] IPersistentState<FlagPartitionState> state,
    IOptions<FlagSettings> settings,
    TimeProvider clock,
    IChangeFeed feed,
    IAuditLog audit,
    ILogger<FlagPartitionGrain> logger) : Grain, IFlagPartitionGrain
{
    /// <summary>How long the last batch took.</summary>
    private TimeSpan _lastApply;

    /// <summary>
    /// A batch waits <see cref="FlagSettings.BatchWaitFactor"/> times as long as the last one took,
    /// at least the batch interval and at most the longest batch wait: under a flood (a province
    /// being loaded, a storm) batches grow, so a busy cell is recomputed once per batch rather than
    /// once per trickle of views, and while a step takes under 25 ms the engine works at most a
    /// fifth of the time, leaving the rest to the writes it follows. At 1,000 reports/s a step
    /// takes a few milliseconds, so flags follow about as soon as before; back-to-back batches went
    /// from 15,700 to 19,000 reports/s on the demo province (README, Performance).
    /// </summary>
    private TimeSpan NextBatchAfter()
    {
        var (shortest, longest) = (settings.Value.BatchInterval, settings.Value.LongestBatchWait);
        var wait = _lastApply * settings.Value.BatchWaitFactor;
        return wait < shortest ? shortest : wait > longest ? longest : wait;
    }

    private readonly Dictionary<(string Type, string Id), EntityView> _pending = [];

    /// <summary>Fires once, a batch interval after the first view of a batch: nothing ticks while nothing arrives.</summary>
    private IGrainTimer _applyTimer = null!;
    private bool _applyScheduled;

    /// <summary>Null until the engine's first build after activation is done.</summary>
    private FlagEngine? _engine;

    /// <summary>The router's generation the engine was built from.</summary>
    private long _generation;

    /// <summary>
    /// The first build, started by the activation and run off the grain's thread (a large district
    /// takes seconds): calls are taken meanwhile, and those that need the engine wait for it.
    /// </summary>
    private Task _built = Task.CompletedTask;

    /// <summary>A build again for a new generation of the router's routing, while it runs.</summary>
    private Task? _rebuilding;

    /// <summary>The open set changed since the last write.</summary>
    private bool _unsaved;

    private string District => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(settings.Value.TickInterval, settings.Value.TickInterval) { KeepAlive = true });
        _applyTimer = this.RegisterGrainTimer(ApplyScheduled, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        this.RegisterGrainTimer(PersistIfChanged, new GrainTimerCreationOptions(settings.Value.PersistInterval, settings.Value.PersistInterval) { KeepAlive = true });
        _built = BuildFirst();
        return Task.CompletedTask;
    }

    private async Task BuildFirst()
    {
        try
        {
            await Load(state.State.Open);
            // Stored once built, flags or none: after a restart, the list answers from what is
            // stored while the engine is built again, and waits only on a first start ever.
            await Persist();
            // What was routed here meanwhile is taken in by a batch of its own. Not here: this task
            // is no request, so calls interleave with its awaits, and a second build must never
            // run beside another.
            if (_pending.Count > 0)
                ScheduleApply();
        }
        catch (Exception error)
        {
            logger.LogError(error, "The flag engine of district {District} could not be built; it starts again on its next call", District);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The engine, built, with every view routed here so far taken in.</summary>
    private async Task<FlagEngine> Engine()
    {
        await _built;
        await ApplyPending(all: true);
        return _engine!;
    }

    /// <summary>Builds the engine from what the router holds for this district.</summary>
    private async Task Load(IEnumerable<FlagView> remembered)
    {
        var started = Stopwatch.GetTimestamp();
        var seed = await GrainFactory.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Seed(District);
        var options = settings.Value;
        var district = District;
        // Built on a thread of its own: a grain turn holds its thread only for short steps, and the
        // seconds a large district's geometry takes must not hold a thread-pool thread either.
        var engine = await Task.Factory.StartNew(() => Build(options, clock, seed, district, remembered), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _engine = engine;
        _generation = seed.Generation;
        Publish();
        logger.LogInformation("Flag engine of district {District} loaded {Count} entities in {Seconds:0.00} s; {Flags} flags open",
            district, seed.Views.Length, Stopwatch.GetElapsedTime(started).TotalSeconds, engine.OpenFlags.Count());
    }

    private static FlagEngine Build(FlagSettings options, TimeProvider clock, FlagSeed seed, string district, IEnumerable<FlagView> remembered)
    {
        var owns = options.Partitioning.Owns(district);
        var engine = new FlagEngine(options, clock, seed.CentreLon, seed.CentreLat, owns);
        engine.RememberFlags(remembered);
        // Areas first, so that every site finds the cells its disc reaches.
        engine.ApplyMany(seed.Views.OrderBy(v => v is DistrictView or ZoneView ? 0 : 1));
        engine.ForgetUnraisedFlags();
        return engine;
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

    public async Task Reload(long generation)
    {
        await _built;
        while (_rebuilding is { } rebuilding)
            await rebuilding;
        if (generation <= _generation || _engine is null)
            return;
        // The router's seed holds every view routed so far: what is pending is in it.
        _pending.Clear();
        _rebuilding = Load(_engine.OpenFlags.ToList());
        try { await _rebuilding; }
        finally { _rebuilding = null; }
    }

    private void ScheduleApply(TimeSpan? after = null)
    {
        if (_applyScheduled)
            return;
        _applyScheduled = true;
        _applyTimer.Change(after ?? NextBatchAfter(), Timeout.InfiniteTimeSpan);
    }

    private Task ApplyScheduled()
    {
        _applyScheduled = false;
        return ApplyPending(all: false);
    }

    /// <summary>
    /// Takes in what was routed here. Areas (a district, a zone) are the costly views: unless a
    /// caller needs all of them now, a burst of them is taken in a step at a time, each step its
    /// own turn of about <see cref="FlagSettings.StepBudget"/>, so that calls queued meanwhile are answered in
    /// between instead of waiting past Orleans' call timeout.
    /// </summary>
    private async Task ApplyPending(bool all)
    {
        // Before the first build is done, what arrives waits: the build schedules a batch for it.
        if (_engine is null)
            return;
        // Never beside a build: the list interleaves with every call, so it may come in meanwhile.
        while (_rebuilding is { } rebuilding)
            await rebuilding;
        if (_pending.Count == 0)
            return;
        var started = Stopwatch.GetTimestamp();
        var oldest = _pending.Values.Min(v => v.UpdatedAt);
        // Areas first, so that every site finds the cells its disc reaches.
        foreach (var area in _pending.Values.Where(v => v is DistrictView or ZoneView).ToList())
        {
            if (!all && Stopwatch.GetElapsedTime(started) > settings.Value.StepBudget)
            {
                Publish();
                ScheduleApply(after: TimeSpan.Zero);
                return;
            }
            _engine.Apply(area);
            _pending.Remove((area.EntityType, area.Id));
        }
        _engine.ApplyMany(_pending.Values.ToList());
        _pending.Clear();
        Publish();
        _lastApply = Stopwatch.GetElapsedTime(started);
        SituationMetrics.FlagEngineLag.Record(Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds));
    }

    private async Task Tick()
    {
        if (_engine is null)
            return;
        await ApplyPending(all: false);
        _engine.Tick();
        Publish();
    }

    public async Task<FlagView[]> List()
    {
        // While the first build after a restart runs, the flags as last stored answer, so the map a
        // leader opens then is not held back by it; whatever the build changes reaches every client
        // live, each change with a version above the stored one. A first start ever has nothing
        // stored to answer with, and waits.
        var open = _engine is null && state.RecordExists ? state.State.Open : (await Engine()).OpenFlags;
        return [.. open];
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

    public async Task<PowerShare[]> PowerShares() => [.. (await Engine()).PowerShares()];

    public async Task<WhatIfArea[]> WhatIf(string[] siteIds) => [.. (await Engine()).WhatIf(siteIds)];

    public async Task<Dictionary<string, DistrictCounters>> Counters() => (await Engine()).Counters();

    public async Task<SummaryPoint> Summarise() => (await Engine()).Summarise(clock.GetUtcNow());

    public async Task<int> RepublishOpen()
    {
        var open = (await Engine()).OpenFlags.ToList();
        foreach (var flag in open)
            feed.Publish(LiveChange.OfFlag(flag, deleted: false));
        return open.Count;
    }

    private void Publish()
    {
        if (_engine is not { } engine)
            return;
        var changes = engine.DrainFlagChanges();
        List<string>? cleared = null;
        foreach (var change in changes)
        {
            SituationMetrics.FlagChanges.Add(1);
            var flag = change.Flag;
            feed.Publish(LiveChange.OfFlag(flag, change.Deleted));
            if (change.Deleted) (cleared ??= []).Add(flag.Id);
        }
        if (changes.Count > 0)
        {
            _unsaved = true;
            SituationMetrics.FlagChangesIn(District, engine.OpenFlags);
        }
        // An incident opened from a flag has its resolution proposed when the flag clears.
        if (cleared is not null)
            GrainFactory.GetGrain<IIncidentBoardGrain>(IIncidentBoardGrain.Key).FlagsCleared(new Immutable<string[]>([.. cleared])).Ignore();
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
        state.State = new FlagPartitionState { Open = engine.OpenFlags.ToList() };
        await state.WriteStateAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
            await Persist();
    }
}
