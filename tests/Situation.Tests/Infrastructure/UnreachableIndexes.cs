using System.Collections.Concurrent;
using Situation.Contracts.Grains;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// Fault injection for grain tests: calls to the index grains named here fail as a call to a dead
/// node does, are refused a given number of times as a node that is leaving refuses them, or wait
/// until released as calls to an overloaded node do, while the grains themselves stay real.
/// </summary>
public sealed class UnreachableIndexes : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, bool> _cut = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Released)> _held = new();

    public void Cut(string indexKey) => _cut[indexKey] = true;

    public void Restore(string indexKey) => _cut.TryRemove(indexKey, out _);

    /// <summary>The next <paramref name="times"/> calls to the index are rejected before they run.</summary>
    public void Refuse(string indexKey, int times) => _refusals[indexKey] = times;

    /// <summary>Refusals set with <see cref="Refuse"/> that no call has used up yet.</summary>
    public int RefusalsLeft(string indexKey) => _refusals.GetValueOrDefault(indexKey);

    /// <summary>Calls to the index wait until <see cref="Release"/>; the task completes when the first one arrives.</summary>
    public Task Hold(string indexKey)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held[indexKey] = (arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return arrived.Task;
    }

    public void Release(string indexKey)
    {
        if (_held.TryRemove(indexKey, out var gate))
            gate.Released.SetResult();
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not IIndexGrain)
            return context.Invoke();
        var key = context.TargetId.Key.ToString()!;
        if (_cut.ContainsKey(key))
            throw new SiloUnavailableException($"test: index {key} is unreachable");
        if (TakeRefusal(key))
            throw Rejection($"test: index {key} refused the call, as a node that is leaving does");
        if (_held.TryGetValue(key, out var gate))
        {
            gate.Arrived.TrySetResult();
            return InvokeOnRelease(gate.Released.Task, context);
        }
        return context.Invoke();
    }

    private static async Task InvokeOnRelease(Task released, IIncomingGrainCallContext context)
    {
        await released;
        await context.Invoke();
    }

    /// <summary>Orleans makes its rejections itself: its constructor is not public.</summary>
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, [message], null)!;

    private bool TakeRefusal(string key)
    {
        while (_refusals.TryGetValue(key, out var left) && left > 0)
            if (_refusals.TryUpdate(key, left - 1, left))
                return true;
        return false;
    }
}
