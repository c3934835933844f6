using Orleans.Concurrency;
using Situation.Contracts.Audit;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Webhooks;
using Situation.Grains.Directives;

namespace Situation.Grains.Webhooks;

[GenerateSerializer, Alias("situation.webhooks-state")]
public sealed class WebhooksState : AuditedState
{
    [Id(0)] public Dictionary<string, Webhook> Hooks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The newest attempts of each webhook, oldest first.</summary>
    [Id(1)] public Dictionary<string, List<WebhookAttempt>> Log { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The province's webhooks (one grain): who registered which, audited (without the secret), and the
/// delivery log the nodes' dispatchers report to. The dispatchers read the list; they deliver.
/// </summary>
public sealed class WebhooksGrain([PersistentState("webhooks", "Default")] IPersistentState<WebhooksState> state, TimeProvider clock) : Grain, IWebhooksGrain
{
    public const string AuditType = "webhook";
    private const int KeptAttempts = 200;

    public async Task<Webhook> Register(Webhook hook, Actor actor)
    {
        state.State.Hooks[hook.Id] = hook;
        await AuditedWrites.Store(state, AuditedChange.Of(AuditType, hook.Id, actor, "register", hook.Version, hook.CreatedAt, null, ViewJson.Write(hook.View)),
            () => state.State.Hooks.Remove(hook.Id), AuditType);
        return hook;
    }

    public async Task<bool> Remove(string id, Actor actor)
    {
        if (!state.State.Hooks.Remove(id, out var held))
            return false;
        var log = state.State.Log.GetValueOrDefault(id);
        state.State.Log.Remove(id);
        await AuditedWrites.Store(state, AuditedChange.Of(AuditType, id, actor, "remove", held.Version + 1, clock.GetUtcNow(), ViewJson.Write(held.View), null),
            () =>
            {
                state.State.Hooks[id] = held;
                if (log is not null) state.State.Log[id] = log;
            }, AuditType);
        return true;
    }

    public Task<Webhook[]> List() => Task.FromResult(state.State.Hooks.Values.OrderBy(h => h.CreatedAt).ToArray());

    public async Task Record(Immutable<WebhookAttempt[]> attempts)
    {
        foreach (var attempt in attempts.Value.Where(a => state.State.Hooks.ContainsKey(a.HookId)))
        {
            if (!state.State.Log.TryGetValue(attempt.HookId, out var log))
                state.State.Log[attempt.HookId] = log = [];
            log.Add(attempt);
            if (log.Count > KeptAttempts) log.RemoveRange(0, log.Count - KeptAttempts);
        }
        await state.WriteStateAsync();
    }

    public Task<WebhookAttempt[]> Deliveries(string id, int limit) =>
        Task.FromResult(state.State.Log.TryGetValue(id, out var log) ? log.AsEnumerable().Reverse().Take(limit).ToArray() : []);
}
