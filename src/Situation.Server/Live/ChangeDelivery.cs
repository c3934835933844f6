using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Situation.Grains.Live;
using Situation.Grains.Telemetry;

namespace Situation.Server.Live;

/// <summary>One `changes` message for one scope, numbered in its publisher's stream for that scope.</summary>
public sealed record ScopedMessage(string Scope, long Seq, IReadOnlyList<ChangeItem> Items);

/// <summary>
/// This node's stream of changes and the sending of any stream to this node's own clients. A batch
/// of this node's changes becomes one message per scope — the province and each district concerned
/// — in chunks of at most MaxItemsPerMessage, each numbered after the last of its scope under this
/// node's <see cref="Publisher"/> epoch (new at every start, so numbers never repeat). Every message
/// sent, own or relayed from another node, is kept in the <see cref="ChangeWindow"/> for catching up.
/// </summary>
public sealed class ChangeDelivery(IHubContext<SituationHub> hub, HubConnections connections, ChangeWindow window, IOptions<LiveOptions> options)
{
    private readonly Dictionary<string, long> _numbers = [];

    /// <summary>The numbers handed to the backplane: what the other nodes may be told to expect.</summary>
    private readonly Dictionary<string, long> _published = [];
    private readonly Lock _gate = new();

    public string Publisher { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Whether a text has the shape of a publisher epoch (12 lowercase hex digits), as clients echo it back.</summary>
    public static bool IsPublisher(string? text) => text is { Length: 12 } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>Splits this node's changes into numbered messages. Called by the feed alone, in order.</summary>
    public IReadOnlyList<ScopedMessage> Stamp(IReadOnlyList<LiveChange> changes)
    {
        var messages = new List<ScopedMessage>();
        lock (_gate)
        {
            Number(Scopes.Province, changes, messages);
            foreach (var district in changes.SelectMany(c => c.DistrictIds).Distinct())
                Number(Scopes.District(district), changes.Where(c => c.DistrictIds.Contains(district)).ToList(), messages);
        }
        return messages;
    }

    private void Number(string scope, IReadOnlyList<LiveChange> changes, List<ScopedMessage> messages)
    {
        foreach (var chunk in changes.Chunk(options.Value.MaxItemsPerMessage))
        {
            var seq = _numbers[scope] = _numbers.GetValueOrDefault(scope) + 1;
            messages.Add(new ScopedMessage(scope, seq, chunk.Select(c => new ChangeItem(c.Type, c.Id, c.Version, c.Deleted, c.Data, c.Audience)).ToArray()));
        }
    }

    /// <summary>The messages are on their way to the other nodes (see <see cref="PublishedPositions"/>).</summary>
    public void MarkPublished(IReadOnlyList<ScopedMessage> messages)
    {
        lock (_gate)
            foreach (var message in messages)
                if (message.Seq > _published.GetValueOrDefault(message.Scope))
                    _published[message.Scope] = message.Seq;
    }

    /// <summary>
    /// Where this node's own streams stand, as far as the messages have been handed to the
    /// backplane: told any sooner, another node would take a message still on its way for lost.
    /// </summary>
    public Dictionary<string, long> PublishedPositions()
    {
        lock (_gate) return new Dictionary<string, long>(_published);
    }

    /// <summary>
    /// Keeps the messages of a stream for catching up and sends this node's clients of each scope
    /// those that follow without a hole (see <see cref="ChangeWindow.Take"/>); true when a hole is
    /// open in one of the streams, for the backplane to ask the publisher to fill it.
    /// </summary>
    public async Task<bool> Deliver(string publisher, IReadOnlyList<ScopedMessage> messages, CancellationToken cancellationToken)
    {
        var (ready, hole) = Keep(publisher, messages);
        await Send(publisher, ready, cancellationToken);
        return hole;
    }

    /// <summary>
    /// Keeps the messages in the window; answers those that may go to the clients now, in order,
    /// and whether a hole is open. This node's own messages are kept before they are published, so
    /// that a node that missed some and asks at once finds every one it can have heard of here.
    /// </summary>
    public (List<ScopedMessage> Ready, bool Hole) Keep(string publisher, IReadOnlyList<ScopedMessage> messages)
    {
        var ready = new List<ScopedMessage>(messages.Count);
        var hole = false;
        foreach (var message in messages)
        {
            var taken = window.Take(publisher, message);
            ready.AddRange(taken.Ready);
            hole |= taken.Hole;
        }
        return (ready, hole);
    }

    /// <summary>
    /// Sends messages, already kept in the window, to this node's clients of each scope. A message
    /// with items not everyone sees goes to each client with only the items its caller may see —
    /// still numbered, so that what a client may not see is never taken for a gap.
    /// </summary>
    public async Task Send(string publisher, IEnumerable<ScopedMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            SituationMetrics.PushItems.Record(message.Items.Count, new KeyValuePair<string, object?>("scope", message.Scope == Scopes.Province ? "province" : "district"));
            var batch = new ChangeBatch(message.Items, publisher, message.Scope, message.Seq);
            if (message.Items.Any(i => i.Audience is not null))
                connections.SendSeen(message.Scope, batch);
            else
                await hub.Clients.Group(message.Scope).SendAsync(SituationHub.ChangesMessage, batch, cancellationToken);
        }
    }
}
