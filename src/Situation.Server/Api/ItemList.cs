namespace Situation.Server.Api;

/// <summary>A list answer of the accounts API: <c>{"items": [...]}</c>, room left beside the items for paging.</summary>
public sealed record ItemList<T>(IEnumerable<T> Items);
