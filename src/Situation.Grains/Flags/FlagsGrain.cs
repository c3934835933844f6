using System.Diagnostics;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;

namespace Situation.Grains.Flags;

/// <summary>
/// The province's flags, split by district (in a cluster; see <see cref="FlagPartition"/>): routes every view the indexes publish to the district
/// partitions that need it (<see cref="FlagRouting"/>), and gathers the partitions' answers into
/// the province's. The geometry work is the partitions'; this grain only looks up boxes and links.
/// Reentrant: every turn either changes the routing without awaiting, or only reads it before
/// awaiting the partitions, so a map's snapshot never queues behind a partition's build.
/// </summary>
[Reentrant]
public sealed class FlagsGrain(
    [PersistentState("flags", "Default")] IPersistentState<FlagsState> state,
    IOptions<FlagSettings> settings,
    TimeProvider clock,
    ILogger<FlagsGrain> logger) : Grain, IFlagsGrain
{

    /// <summary>Null until the routing's first build after activation is done.</summary>
    private FlagRouting? _routing;

    /// <summary>Views observed before the routing was built.</summary>
    private readonly List<EntityView> _pending = [];

    private readonly HashSet<string> _districts = new(StringComparer.Ordinal);

    /// <summary>Grows with every build of the routing, so a partition knows when to build again.</summary>
    private long _generation;

    private Task _built = Task.CompletedTask;
    private bool _unsaved;

    private FlagPartition Partitioning => settings.Value.Partitioning;

    /// <summary>How many of the current routing's partitions the state has remembered.</summary>
    private int _rememberedOfRouting;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Sample, new GrainTimerCreationOptions(settings.Value.SummarySampleInterval, settings.Value.SummarySampleInterval) { KeepAlive = true, Interleave = true });
        this.RegisterGrainTimer(PersistIfChanged, new GrainTimerCreationOptions(settings.Value.PersistInterval, settings.Value.PersistInterval) { KeepAlive = true });
        _built = BuildFirst();
        return Task.CompletedTask;
    }

    private async Task BuildFirst()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var views = await ReadProvince();
            // At 150,000 sites the routing takes a moment: on a thread of its own, not the grain's.
            var partitioning = Partitioning;
            var routing = await Task.Factory.StartNew(() => Build(partitioning, views), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // Partitions built before this activation (they outlive a router whose node died) are
            // built again from the new routing, which may send them less than the old one did.
            Install(routing, alsoReload: state.State.Partitions);
            Take(_pending);
            _pending.Clear();
            logger.LogInformation("Flag routing built for {Count} entities, {Partitions} partitions, in {Seconds:0.00} s",
                views.Count, routing.Partitions.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception error)
        {
            logger.LogError(error, "The flag routing could not be built; the flags grain starts again on its next call");
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task<List<EntityView>> ReadProvince()
    {
        var districtIds = await GrainFactory.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds();
        var keys = districtIds.Select(IndexKey.ForDistrict).Append(IndexKey.ProvinceWide);
        var parts = await Task.WhenAll(keys.Select(k => GrainFactory.GetGrain<IIndexGrain>(k).Read(null)));
        return parts.SelectMany(p => p).ToList();
    }

    /// <summary>
    /// Routes the whole province, projected around the centre of its districts. Done again when a
    /// district is added, since that moves the centre: a projection centred on part of the province
    /// would misplace the far side.
    /// </summary>
    private static FlagRouting Build(FlagPartition partitioning, IEnumerable<EntityView> views)
    {
        var all = views.ToList();
        var centre = Centre(all.OfType<DistrictView>());
        var routing = new FlagRouting(partitioning, centre.X, centre.Y);
        // Areas first, so that each partition's reach is known when the sites come.
        foreach (var view in all.OrderBy(v => v is DistrictView or ZoneView ? 0 : 1))
            routing.Route(view);
        // The partitions read what they hold from the routing when they build: nothing to send.
        routing.Drain();
        return routing;
    }

    /// <summary>The centre of the province's districts, where the engines' projection is true.</summary>
    private static Coordinate Centre(IEnumerable<DistrictView> districts)
    {
        var envelope = new Envelope();
        foreach (var district in districts)
            envelope.ExpandToInclude(Geo.Read(district.Boundary).EnvelopeInternal);
        return envelope.IsNull ? new Coordinate(0, 0) : envelope.Centre;
    }

    private void Install(FlagRouting routing, IEnumerable<string> alsoReload)
    {
        _routing = routing;
        _rememberedOfRouting = 0;
        _districts.Clear();
        _districts.UnionWith(routing.Views.OfType<DistrictView>().Select(d => d.Id));
        // Real time, not the platform's clock: a generation must grow across activations even
        // where the clock is set by hand.
        _generation = Math.Max(_generation + 1, DateTime.UtcNow.Ticks);
        foreach (var partition in routing.Partitions.Union(alsoReload).ToList())
            Partition(partition).Reload(_generation).Ignore();
        RememberPartitions();
    }

    /// <summary>Views are let go while a whole province is written in (<see cref="HoldForLoad"/>).</summary>
    private bool _holding;

    public Task HoldForLoad()
    {
        _holding = true;
        return Task.CompletedTask;
    }

    public Task LoadDone()
    {
        if (!_holding)
            return Task.CompletedTask;
        // The indexes hold every view let go meanwhile: the next activation builds from them, as
        // after a restart, and each partition with it (they are told to build again). This one
        // keeps letting views go until it is gone: an index stores a view before it tells it, so
        // the next activation reads every view told here.
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task Observe(Immutable<EntityView[]> views)
    {
        if (_holding)
            return Task.CompletedTask;
        if (_routing is null)
            _pending.AddRange(views.Value);
        else
            Take(views.Value);
        return Task.CompletedTask;
    }

    private void Take(IReadOnlyCollection<EntityView> views)
    {
        if (views.Count == 0 || _routing is not { } routing)
            return;
        if (views.Any(v => v is DistrictView district && !_districts.Contains(district.Id)))
        {
            // A new district moves the province's centre: everything is routed again from it.
            var newest = new Dictionary<(string, string), EntityView>();
            foreach (var view in routing.Views.Concat(views))
                if (!newest.TryGetValue((view.EntityType, view.Id), out var held) || held.Version <= view.Version)
                    newest[(view.EntityType, view.Id)] = view;
            Install(Build(Partitioning, newest.Values), alsoReload: routing.Partitions);
            return;
        }
        foreach (var view in views)
            routing.Route(view);
        foreach (var (partition, routed) in routing.Drain())
            Partition(partition).Observe(new Immutable<EntityView[]>(routed)).Ignore();
        RememberPartitions();
    }

    /// <summary>
    /// A routing's partitions only grow, so a count says whether any is new; the stored list also
    /// keeps those of earlier routings, whose partitions may still hold flags.
    /// </summary>
    private void RememberPartitions()
    {
        if (_routing is not { } routing || routing.Partitions.Count == _rememberedOfRouting)
            return;
        _rememberedOfRouting = routing.Partitions.Count;
        state.State.Partitions = [.. routing.Partitions.Union(state.State.Partitions).Order(StringComparer.Ordinal)];
        _unsaved = true;
    }

    public async Task<FlagSeed> Seed(string partition)
    {
        await _built;
        var routing = _routing!;
        return new FlagSeed
        {
            Generation = _generation, CentreLon = routing.CentreLon, CentreLat = routing.CentreLat,
            Views = [.. routing.ViewsOf(partition)],
        };
    }

    private IFlagPartitionGrain Partition(string key) => GrainFactory.Reference<IFlagPartitionGrain>(key);

    /// <summary>
    /// Every partition. Before the routing is built after a restart, the ones remembered: their
    /// flags as last stored answer while they build. A first start ever waits for the routing.
    /// </summary>
    private async Task<List<IFlagPartitionGrain>> Partitions()
    {
        if (_routing is null && !state.RecordExists)
            await _built;
        var keys = _routing?.Partitions ?? (IEnumerable<string>)state.State.Partitions;
        return [.. keys.ToList().Select(Partition)];
    }

    private async Task<T[]> Gather<T>(Func<IFlagPartitionGrain, Task<T>> ask) =>
        await Task.WhenAll((await Partitions()).Select(ask));

    public async Task<FlagView[]> List(string? districtId, string? kind)
    {
        // A district's flags are all in its partition (the province's, when the engine is not split).
        var parts = districtId is null ? await Gather(p => p.List()) : [await Partition(Partitioning.Of(districtId)).List()];
        return FlagGather.Order(parts.SelectMany(p => p)
            .Where(f => (districtId is null || f.DistrictId == districtId) && (kind is null || f.Kind == kind)));
    }

    public async Task<FlagView?> Acknowledge(string flagId, Actor actor)
    {
        // Only the partition that raised the flag holds it open.
        var answers = await Gather(p => p.Acknowledge(flagId, actor));
        return answers.FirstOrDefault(a => a is not null);
    }

    public async Task<PowerPriorityItem[]> PowerPriority() =>
        [.. FlagGather.Rank((await Gather(p => p.PowerShares())).SelectMany(s => s))];

    public async Task<WhatIfArea[]> WhatIf(string[] siteIds) =>
        [.. FlagGather.Order((await Gather(p => p.WhatIf(siteIds))).SelectMany(a => a))];

    public async Task<Dictionary<string, DistrictCounters>> Counters() =>
        (await Gather(p => p.Counters())).SelectMany(c => c).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    public async Task<int> RepublishOpen() => (await Gather(p => p.RepublishOpen())).Sum();

    public async Task<SummaryPoint[]> Summary() => [.. state.State.History, await Now()];

    private async Task<SummaryPoint> Now()
    {
        await _built;
        return FlagGather.Sum(clock.GetUtcNow(), await Gather(p => p.Summarise()));
    }

    /// <summary>Once a minute the province's totals join the history the leaders' summary charts.</summary>
    private async Task Sample()
    {
        var point = await Now();
        var history = state.State.History;
        history.Add(point);
        history.RemoveAll(p => point.At - p.At > settings.Value.SummaryHistory);
        _unsaved = true;
    }

    private async Task PersistIfChanged()
    {
        if (!_unsaved)
            return;
        _unsaved = false;
        await state.WriteStateAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
            await state.WriteStateAsync();
    }
}
