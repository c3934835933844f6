using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

/// <summary>
/// What every entity grain shares: durable writes that bump the version, heartbeats that only move
/// lastReportAt, an audit record for every new version, and publishing each new view to the
/// read-side index after it is stored.
/// </summary>
public abstract class EntityGrain<TView>(IPersistentState<EntityState<TView>> state, TimeProvider clock)
    : Grain, IEntityGrain where TView : EntityView
{
    private EntityOptions _options = null!;

    private DateTimeOffset _lastWriteAt;
    private bool _heartbeatUnwritten;

    protected TView? Current => state.State.Current;

    protected string Id { get; private set; } = "";

    /// <summary>The entity type of this grain's views, as its grain key and the audit trail name it.</summary>
    private string _entityType = "";

    protected DateTimeOffset Now => clock.GetUtcNow();

    protected long NextVersion => (Current?.Version ?? 0) + 1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Id = EntityType.IdFromGrainKey(this.GetPrimaryKeyString());
        _entityType = EntityType.TypeFromGrainKey(this.GetPrimaryKeyString());
        _lastWriteAt = Now;
        _options = ServiceProvider.GetRequiredService<IOptions<EntityOptions>>().Value;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_heartbeatUnwritten)
            await state.WriteStateAsync(cancellationToken);
    }

    public Task<EntityView?> GetView() => Task.FromResult<EntityView?>(Current);

    /// <summary>The view as a new version of this entity, changed by the actor now.</summary>
    protected TView Stamp(TView next, Actor actor) =>
        (TView)((EntityView)next with { Version = NextVersion, UpdatedAt = Now, UpdatedBy = actor.Name });

    protected static WriteResult<TView> Result(WriteOutcome outcome, TView? view) => new(outcome, view);

    protected WriteResult<TView> NotFound() => Result(WriteOutcome.NotFound, null);

    /// <summary>
    /// A refusal when the actor may not make a write that touches the target, else null. Checked in
    /// the turn that writes, against the state that turn sees: an ownership change cannot come between.
    /// </summary>
    protected WriteResult<TView>? Refuse(Actor actor, WriteTarget target) =>
        WriteGate.Allows(actor, target) ? null : new WriteResult<TView>(WriteOutcome.Forbidden, Current, target.Owner);

    /// <summary>
    /// Stores a new version (the caller has set Version = NextVersion and UpdatedBy) together with
    /// its audit record — the storage writes both in one transaction — then publishes the view.
    /// Nothing is acknowledged before its record is durable; the action is the name of the command
    /// that made the change.
    /// </summary>
    protected async Task<WriteResult<TView>> Commit(TView next, WriteOutcome outcome, [CallerMemberName] string action = "")
    {
        var previous = Current;
        var change = AuditedChange.Of(_entityType, Id, new Actor(next.UpdatedBy), ActionName(action), next.Version, next.UpdatedAt,
            ViewJson.Write(previous), ViewJson.Write(next));
        await Store(next, change);
        var movedFrom = previous is not null && IndexKey.For(previous) != IndexKey.For(next) ? IndexKey.For(previous) : null;
        try
        {
            await HandToIndex(next, movedFrom);
        }
        catch (Exception)
        {
            // Stored, so it must reach its index, or no client is ever told of it. The index's
            // node has most likely just died: the write fails now (the caller may try again), and
            // the view is handed over again until the index, back on another node, takes it.
            HandOverLater(movedFrom);
            throw;
        }
        if (_handOver is not null && _leftIndex is null)
            StopHandOver();
        return Result(outcome, next);
    }

    /// <summary>After a load's write: the activation goes once idle, unless its view still waits to reach its index.</summary>
    protected void LetGoAfterLoad()
    {
        if (_handOver is null && _options.LetGoAfterLoad != false)
            this.DeactivateOnIdle();
    }

    private IGrainTimer? _handOver;
    private DateTimeOffset _handOverSince;
    /// <summary>The index this entity moved out of, while it may still list it.</summary>
    private string? _leftIndex;

    private async Task HandToIndex(TView view, string? movedFrom)
    {
        if (movedFrom is not null)
            await GrainFactory.GetGrain<IIndexGrain>(movedFrom).Remove(view.EntityType, view.Id);
        await GrainFactory.Reference<IIndexGrain>(IndexKey.For(view)).Put(view);
    }

    private void HandOverLater(string? movedFrom)
    {
        _leftIndex ??= movedFrom;
        _handOverSince = Now;
        // Not awaited in the write's turn: a storm's writes must not wait on a dead node.
        _handOver ??= this.RegisterGrainTimer(HandOverAgain, new GrainTimerCreationOptions(_options.IndexHandOverEvery, _options.IndexHandOverEvery) { KeepAlive = true });
    }

    private async Task HandOverAgain()
    {
        if (Current is not { } current)
        {
            StopHandOver();
            return;
        }
        try
        {
            // The newest view, which the index takes (and pushes) even if it already read it while
            // coming back, since it has not yet published it.
            await HandToIndex(current, _leftIndex != IndexKey.For(current) ? _leftIndex : null).WaitAsync(_options.IndexHandOverEvery * 5);
            StopHandOver();
        }
        catch (Exception) when (Now - _handOverSince < _options.IndexHandOverFor)
        {
            // The next tick tries again.
        }
        catch (Exception)
        {
            // Given up: a surviving node's sending-again (NodeDeathRecovery) is the last resort.
            StopHandOver();
        }
    }

    private void StopHandOver()
    {
        _handOver?.Dispose();
        _handOver = null;
        _leftIndex = null;
    }

    /// <summary>A repeated report: the same version with a newer lastReportAt, written at most once a minute.</summary>
    protected async Task<WriteResult<TView>> Heartbeat(TView refreshed)
    {
        if (Now - _lastWriteAt >= _options.HeartbeatWriteInterval)
        {
            await Store(refreshed);
        }
        else
        {
            state.State.Current = refreshed;
            _heartbeatUnwritten = true;
        }
        await GrainFactory.Reference<IIndexGrain>(IndexKey.For(refreshed)).Put(refreshed);
        return Result(WriteOutcome.Heartbeat, refreshed);
    }

    /// <summary>"SetLevel" as the trail names it: "set-level".</summary>
    private static string ActionName(string member) =>
        string.Concat(member.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private async Task Store(TView next, AuditedChange? change = null)
    {
        var previous = Current;
        state.State.Current = next;
        // The record rides only the write that stores its change: once stored it is in the trail,
        // and a later heartbeat or deactivation write would only carry (and file) it again.
        state.State.LastChange = change;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            // Nothing that was not stored may be shown or acknowledged.
            state.State.Current = previous;
            if (error is Orleans.Storage.InconsistentStateException) throw;
            throw new StorageUnavailableException($"The state could not be stored ({error.GetType().Name})");
        }
        finally
        {
            state.State.LastChange = null;
        }
        _lastWriteAt = Now;
        _heartbeatUnwritten = false;
    }
}
