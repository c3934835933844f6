using System.Collections.Concurrent;
using Situation.Grains.Live;

namespace Situation.Tests.Infrastructure;

/// <summary>Stands in for the SignalR feed in grain tests: remembers what the grains published.</summary>
public sealed class RecordingChangeFeed : IChangeFeed
{
    private readonly ConcurrentQueue<LiveChange> _published = new();
    private readonly List<(Func<LiveChange, bool> Match, TaskCompletionSource<LiveChange> Seen)> _waiting = [];

    public IReadOnlyList<LiveChange> Published => _published.ToArray();

    public void Publish(LiveChange change)
    {
        _published.Enqueue(change);
        lock (_waiting)
            foreach (var waiter in _waiting.Where(w => w.Match(change)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Seen.TrySetResult(change);
            }
    }

    /// <summary>The first change published that matches, already or within <paramref name="bound"/>.</summary>
    public Task<LiveChange> Seen(Func<LiveChange, bool> match, TimeSpan bound)
    {
        var seen = new TaskCompletionSource<LiveChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            if (_published.FirstOrDefault(match) is { } already)
                return Task.FromResult(already);
            _waiting.Add((match, seen));
        }
        return seen.Task.WaitAsync(bound);
    }
}
