namespace Situation.Server.Live;

/// <summary>One item of a `changes` message (SPEC §5): data has the shape the HTTP API returns.</summary>
public sealed record ChangeItem(string Type, string Id, long Version, bool Deleted, object? Data);

/// <summary>The payload of the hub's `changes` message.</summary>
public sealed record ChangeBatch(IReadOnlyList<ChangeItem> Items);
