using System.Text.Json.Serialization;
using Situation.Contracts.Accounts;
using Situation.Contracts.Model;

namespace Situation.Server.Live;

/// <summary>
/// One item of a `changes` message: data has the shape the HTTP API returns. <see cref="Audience"/>
/// names who may see an item not everyone sees; it travels between the nodes but is never written to
/// a client, which receives only the items its caller may see.
/// </summary>
public sealed record ChangeItem(string Type, string Id, long Version, bool Deleted, object? Data, [property: JsonIgnore] Audience? Audience = null)
{
    public bool SeenBy(Actor actor) => Audience?.Admits(actor) ?? true;
}

/// <summary>
/// The payload of the hub's `changes` message: the items, and where the message stands in its
/// stream — the publishing node's epoch (<see cref="Publisher"/>, new at every start of a node), the
/// scope, and the message's number in that publisher's stream for that scope (1, 2, 3, … without gaps).
/// </summary>
public sealed record ChangeBatch(IReadOnlyList<ChangeItem> Items, string Publisher, string Scope, long Seq);

/// <summary>
/// The payload of the hub's `heartbeat` message, sent to every scope every few seconds and to a
/// connection as it subscribes: the last message number of every publisher this node knows for the
/// scope, and the interval, so that a client knows how long silence may last before it is stale.
/// </summary>
public sealed record Heartbeat(string Scope, IReadOnlyDictionary<string, long> Positions, DateTimeOffset At, int EveryMs);
