using System.Collections.Concurrent;
using Situation.Grains.Live;

namespace Situation.Tests.Infrastructure;

/// <summary>Stands in for the SignalR feed in grain tests: remembers what the grains published.</summary>
public sealed class RecordingChangeFeed : IChangeFeed
{
    private readonly ConcurrentQueue<LiveChange> _published = new();

    public IReadOnlyList<LiveChange> Published => _published.ToArray();

    public void Publish(LiveChange change) => _published.Enqueue(change);
}
