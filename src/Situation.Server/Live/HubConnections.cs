using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Situation.Server.Auth;

namespace Situation.Server.Live;

/// <summary>
/// The hub connections of this node and who holds each: all of them can be asked to start over at
/// once (a client whose connection drops reconnects and reloads the snapshot, which brings back
/// whatever pushes a fault swallowed), and those of a caller who no longer stands can be closed.
/// </summary>
public sealed class HubConnections(ILogger<HubConnections> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    public void AbortAll(string reason)
    {
        var connections = _connections.Values.ToList();
        logger.LogWarning("Asking {Count} clients to reconnect and reload: {Reason}", connections.Count, reason);
        foreach (var connection in connections)
            connection.Abort();
    }

    /// <summary>The connections of each caller, for a check of who still stands.</summary>
    public IReadOnlyList<(Caller Caller, List<HubCallerContext> Connections)> ByCaller() =>
        _connections.Values
            .Select(c => (Caller: c.User is { } user ? Caller.Of(user) : null, Context: c))
            .Where(c => c.Caller is not null)
            .GroupBy(c => c.Caller!, c => c.Context)
            .Select(g => (g.Key, g.ToList()))
            .ToList();
}
