using System.Diagnostics;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Model;
using Situation.Contracts.Storage;
using Situation.Contracts.Views;
using Situation.Grains.Live;

namespace Situation.Grains.ReadSide;

/// <summary>
/// The compact read side of one district (or of the province-wide routes). Entity grains publish
/// each stored view here; lists and snapshots read whole indexes, and every new version goes on to
/// the live feed exactly once. Reentrant: every turn is a short in-memory change, and membership
/// writes are grouped so a burst of new entities costs a few writes.
/// </summary>
[Reentrant]
public sealed class IndexGrain(
    [PersistentState("index", "Default")] IPersistentState<IndexState> state,
    IStoredStates stored,
    IChangeFeed feed,
    IOptions<IndexOptions> options,
    ILogger<IndexGrain> logger) : Grain, IIndexGrain
{
    private readonly Dictionary<string, EntityView> _views = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityView[]> _byTypeCache = new(StringComparer.Ordinal);
    private EntityView[]? _allCache;

    private Task _lastMembershipWrite = Task.CompletedTask;
    private Task? _queuedMembershipWrite;

    /// <summary>
    /// Members whose view came from the rebuild at activation, not from a Put. The write that
    /// activated this index (and any racing it) is already stored when the rebuild reads it, so its
    /// Put then brings the same version: it must still go to the live feed once, or nobody pushes it.
    /// Cleared a while after activation, when every such Put has long arrived.
    /// </summary>
    private HashSet<string>? _rebuilt;

    /// <summary>Views taken in during the current burst, on their way to the flags grain in one message.</summary>
    private List<EntityView> _observed = [];
    private List<EntityRef> _restored = [];
    private Task? _queuedObservation;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _members.UnionWith(state.State.Members);
        // Read from the storage, not by activating each member: the same stored views, without
        // waking every grain of the district. A member still active elsewhere may hold a heartbeat
        // it has not written yet (lastReportAt, at most a minute newer); its next report brings it.
        foreach (var (member, view) in await StoredViews.Read(stored, GrainFactory, _members))
            _views[member] = view;
        logger.LogDebug("Index {Index} read {Count} views from the storage in {Seconds:0.000} s",
            this.GetPrimaryKeyString(), _views.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        _rebuilt = [.. _views.Keys];
        this.RegisterGrainTimer(() => { _rebuilt = null; return Task.CompletedTask; },
            new GrainTimerCreationOptions(options.Value.RebuildEchoWindow, Timeout.InfiniteTimeSpan));
        var lost = _members.Where(m => !_views.ContainsKey(m)).ToList();
        if (lost.Count > 0)
        {
            logger.LogWarning("Index {Index} dropped {Count} members that no longer exist", this.GetPrimaryKeyString(), lost.Count);
            _members.ExceptWith(lost);
            await PersistMembership();
        }
    }

    public async Task Put(EntityView view)
    {
        var member = EntityType.GrainKey(view.EntityType, view.Id);
        var known = _views.TryGetValue(member, out var held);
        if (known && held!.Version > view.Version)
            return;
        _views[member] = view;
        Invalidate(view.EntityType);
        // A heartbeat (same version) refreshes the index but is not news for the dashboards; the
        // flags need it all the same, since it is what keeps a report from going stale.
        var fromRebuild = _rebuilt?.Remove(member) == true;
        if (!known || held!.Version < view.Version || fromRebuild)
        {
            feed.Publish(LiveChange.Of(view));
            // A checkpoint's wifi decides obligations of the directives (rare changes: one message each).
            if (view is CheckpointView checkpoint)
                GrainFactory.GetGrain<IComplianceGrain>(IComplianceGrain.Key).CheckpointsChanged(new Immutable<CheckpointView[]>([checkpoint])).Ignore();
            // An entity back in service may be what an open incident waits for: told with the burst's views, below.
            if (known && !IncidentRules.InService(held!) && IncidentRules.InService(view))
                _restored.Add(new EntityRef(view.EntityType, view.Id));
        }
        _observed.Add(view);
        var observed = _queuedObservation ??= SendObserved();
        if (_members.Add(member))
            await PersistMembership();
        // Answered only once the flags grain has been sent the view: a flag query made after this
        // write reaches the flags grain after it.
        await observed;
    }

    /// <summary>
    /// Sends the views of this burst to the flags grain as one message: every Put that interleaves
    /// before the yield returns joins it, so a storm costs one message per burst, not one per view;
    /// and the entities back in service in it to the incident board, in one message too.
    /// </summary>
    private async Task SendObserved()
    {
        await Task.Yield();
        var views = _observed;
        _observed = [];
        _queuedObservation = null;
        GrainFactory.Reference<IFlagsGrain>(IFlagsGrain.Key).Observe(new Immutable<EntityView[]>([.. views])).Ignore();
        if (_restored.Count > 0)
        {
            var restored = _restored;
            _restored = [];
            GrainFactory.GetGrain<IIncidentBoardGrain>(IIncidentBoardGrain.Key).EntitiesRestored(new Immutable<EntityRef[]>([.. restored])).Ignore();
        }
    }

    public async Task Remove(string entityType, string id)
    {
        var member = EntityType.GrainKey(entityType, id);
        if (_views.Remove(member))
            Invalidate(entityType);
        if (_members.Remove(member))
            await PersistMembership();
    }

    public Task<EntityView[]> Read(string? entityType)
    {
        if (entityType is null)
            return Task.FromResult(_allCache ??= _views.Values.ToArray());
        if (!_byTypeCache.TryGetValue(entityType, out var views))
        {
            views = _views.Values.Where(v => v.EntityType == entityType).ToArray();
            _byTypeCache[entityType] = views;
        }
        return Task.FromResult(views);
    }

    private void Invalidate(string entityType)
    {
        _byTypeCache.Remove(entityType);
        _allCache = null;
    }

    /// <summary>
    /// Group commit: every membership change made before the queued write starts is carried by it,
    /// and its callers return only once it is stored.
    /// </summary>
    private Task PersistMembership() => _queuedMembershipWrite ??= WriteQueuedMembership();

    private async Task WriteQueuedMembership()
    {
        // Let the other callers of this turn's burst join before the write takes its copy.
        await Task.Yield();
        try { await _lastMembershipWrite; }
        catch { /* that write's callers saw its failure; this write retries their changes too */ }
        _queuedMembershipWrite = null;
        // The write gets its own copy: turns that interleave with it may change the live set.
        state.State = new IndexState { Members = [.. _members] };
        var write = state.WriteStateAsync();
        _lastMembershipWrite = write;
        await write;
    }
}
