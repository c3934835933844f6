using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Situation.Server.Live;

/// <summary>
/// SignalR's own in-memory lifetime manager, except for scopes (groups): a group send waits until
/// every member's socket took the message, so one client that stops reading would stall every
/// push of this node. Here groups are <see cref="HubConnections"/>' scopes, and a send to one posts
/// the message to each member's <see cref="ClientOutbox"/> and returns at once.
/// </summary>
public sealed class SituationHubLifetime(ILogger<DefaultHubLifetimeManager<SituationHub>> logger, HubConnections connections)
    : DefaultHubLifetimeManager<SituationHub>(logger)
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        connections.Add(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Remove(connection);
        await base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        connections.Follow(connectionId, groupName);
        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        connections.Unfollow(connectionId, groupName);
        return Task.CompletedTask;
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        connections.Send(groupName, new SerializedHubMessage(new InvocationMessage(methodName, args)));
        return Task.CompletedTask;
    }

    // The platform sends to one scope at a time; these would read SignalR's own groups, which stay empty.
    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Send to one scope at a time (HubConnections.Send).");

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Send to one scope at a time (HubConnections.Send).");
}
