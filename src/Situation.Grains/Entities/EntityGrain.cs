using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

/// <summary>
/// What every entity grain shares: durable writes that bump the version, heartbeats that only move
/// lastReportAt, and publishing each new view to the read-side index after it is stored.
/// </summary>
public abstract class EntityGrain<TView>(IPersistentState<EntityState<TView>> state, TimeProvider clock)
    : Grain, IEntityGrain where TView : EntityView
{
    /// <summary>
    /// A heartbeat is written at most this often, so a restart loses at most this much of lastReportAt
    /// without rewriting the whole state on every repeated report.
    /// </summary>
    private static readonly TimeSpan HeartbeatWriteInterval = TimeSpan.FromSeconds(60);

    private DateTimeOffset _lastWriteAt;
    private bool _heartbeatUnwritten;

    protected TView? Current => state.State.Current;

    protected string Id { get; private set; } = "";

    protected DateTimeOffset Now => clock.GetUtcNow();

    protected long NextVersion => (Current?.Version ?? 0) + 1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Id = EntityType.IdFromGrainKey(this.GetPrimaryKeyString());
        _lastWriteAt = Now;
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

    /// <summary>Stores a new version (the caller has set Version = NextVersion), then publishes it.</summary>
    protected async Task<WriteResult<TView>> Commit(TView next, WriteOutcome outcome)
    {
        var previous = Current;
        await Store(next);
        if (previous is not null && IndexKey.For(previous) != IndexKey.For(next))
            await GrainFactory.GetGrain<IIndexGrain>(IndexKey.For(previous)).Remove(next.EntityType, next.Id);
        await GrainFactory.GetGrain<IIndexGrain>(IndexKey.For(next)).Put(next);
        return Result(outcome, next);
    }

    /// <summary>A repeated report: the same version with a newer lastReportAt, written at most once a minute.</summary>
    protected async Task<WriteResult<TView>> Heartbeat(TView refreshed)
    {
        if (Now - _lastWriteAt >= HeartbeatWriteInterval)
        {
            await Store(refreshed);
        }
        else
        {
            state.State.Current = refreshed;
            _heartbeatUnwritten = true;
        }
        await GrainFactory.GetGrain<IIndexGrain>(IndexKey.For(refreshed)).Put(refreshed);
        return Result(WriteOutcome.Heartbeat, refreshed);
    }

    private async Task Store(TView next)
    {
        var previous = Current;
        state.State.Current = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing that was not stored may be shown or acknowledged.
            state.State.Current = previous;
            throw;
        }
        _lastWriteAt = Now;
        _heartbeatUnwritten = false;
    }
}
