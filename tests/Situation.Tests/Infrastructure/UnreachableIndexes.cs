using System.Collections.Concurrent;
using Situation.Contracts.Grains;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// Fault injection for grain tests: calls to the index grains named here fail as a call to a dead
/// node does, while the grains themselves stay real.
/// </summary>
public sealed class UnreachableIndexes : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, bool> _cut = new();

    public void Cut(string indexKey) => _cut[indexKey] = true;

    public void Restore(string indexKey) => _cut.TryRemove(indexKey, out _);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is IIndexGrain && _cut.ContainsKey(context.TargetId.Key.ToString()!))
            throw new SiloUnavailableException($"test: index {context.TargetId.Key} is unreachable");
        return context.Invoke();
    }
}
