using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Situation.Server.Live;

/// <summary>
/// The hub connections of this node, so that all of them can be asked to start over at once: a
/// client whose connection drops reconnects and reloads the snapshot (the client protocol), which
/// brings back whatever pushes a fault swallowed.
/// </summary>
public sealed class HubConnections(ILogger<HubConnections> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public int Count => _connections.Count;

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    public void AbortAll(string reason)
    {
        var connections = _connections.Values.ToList();
        logger.LogWarning("Asking {Count} clients to reconnect and reload: {Reason}", connections.Count, reason);
        foreach (var connection in connections)
            connection.Abort();
    }
}
