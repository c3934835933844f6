using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Situation.Grains.Telemetry;
using Situation.Server.Auth;

namespace Situation.Server.Live;

/// <summary>
/// The hub connections of this node, who holds each and the scopes each follows. A push to a scope
/// is posted to each follower's <see cref="ClientOutbox"/>, so one client that does not read cannot
/// hold back the others. All connections can be asked to start over at once (a client whose
/// connection drops reconnects and reloads the snapshot, which brings back whatever pushes a fault
/// swallowed), and those of a caller who no longer stands can be closed.
/// </summary>
public sealed class HubConnections(IOptions<LiveOptions> options, ILogger<HubConnections> logger)
{
    private readonly ConcurrentDictionary<string, ClientOutbox> _connections = InitConnections();

    /// <summary>The register of connections, counted by the connected-clients gauge.</summary>
    private static ConcurrentDictionary<string, ClientOutbox> InitConnections()
    {
        var connections = new ConcurrentDictionary<string, ClientOutbox>();
        SituationMetrics.ObserveClients(() => connections.Count);
        return connections;
    }

    /// <summary>
    /// Followers by scope (a few dozen scopes at most); read without a lock by every push. Joining and
    /// leaving the node take <see cref="_membership"/>, so a connection that leaves while it joins a
    /// scope is not left behind in it.
    /// </summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ClientOutbox>> _followers = new();
    private readonly Lock _membership = new();

    public void Add(HubConnectionContext connection) =>
        _connections[connection.ConnectionId] = new ClientOutbox(connection, options.Value, logger);

    public void Remove(HubConnectionContext connection)
    {
        lock (_membership)
        {
            if (!_connections.TryRemove(connection.ConnectionId, out var outbox))
                return;
            outbox.Detach();
            foreach (var followers in _followers.Values)
                followers.TryRemove(connection.ConnectionId, out _);
        }
    }

    public void Follow(string connectionId, string scope)
    {
        lock (_membership)
        {
            // A connection that closed while subscribing is gone already, and stays gone.
            if (_connections.TryGetValue(connectionId, out var outbox))
                _followers.GetOrAdd(scope, _ => new ConcurrentDictionary<string, ClientOutbox>())[connectionId] = outbox;
        }
    }

    public void Unfollow(string connectionId, string scope)
    {
        if (_followers.TryGetValue(scope, out var followers))
            followers.TryRemove(connectionId, out _);
    }

    /// <summary>Posts one message, serialized once per protocol, to every follower of a scope.</summary>
    public void Send(string scope, SerializedHubMessage message)
    {
        if (!_followers.TryGetValue(scope, out var followers))
            return;
        foreach (var outbox in followers.Values)
            outbox.Post(message);
    }

    /// <summary>
    /// Posts a `changes` message to every follower of a scope with only the items its caller may see
    /// (an incident, a crew, a pass is not everyone's); followers who see the same items share one
    /// serialized message.
    /// </summary>
    public void SendSeen(string scope, ChangeBatch batch)
    {
        if (!_followers.TryGetValue(scope, out var followers))
            return;
        var restricted = batch.Items.Where(i => i.Audience is not null).ToList();
        var byView = new Dictionary<string, SerializedHubMessage>(StringComparer.Ordinal);
        foreach (var outbox in followers.Values)
        {
            // A connection without a caller (none gets this far) would see only what everyone sees.
            bool Sees(ChangeItem item) => item.Audience is null || outbox.Actor is { } actor && item.SeenBy(actor);
            var seen = new string(restricted.Select(i => Sees(i) ? '1' : '0').ToArray());
            if (!byView.TryGetValue(seen, out var message))
                byView[seen] = message = new SerializedHubMessage(new InvocationMessage(SituationHub.ChangesMessage, [batch with { Items = [.. batch.Items.Where(Sees)] }]));
            outbox.Post(message);
        }
    }

    public void AbortAll(string reason)
    {
        var connections = _connections.Values.ToList();
        logger.LogWarning("Asking {Count} clients to reconnect and reload: {Reason}", connections.Count, reason);
        foreach (var outbox in connections)
            outbox.Connection.Abort();
    }

    /// <summary>The connections of each caller, for a check of who still stands.</summary>
    public IReadOnlyList<(Caller Caller, List<HubConnectionContext> Connections)> ByCaller() =>
        _connections.Values
            .Select(o => (Caller: o.Connection.User is { } user ? Caller.Of(user) : null, o.Connection))
            .Where(c => c.Caller is not null)
            .GroupBy(c => c.Caller!, c => c.Connection)
            .Select(g => (g.Key, g.ToList()))
            .ToList();
}
