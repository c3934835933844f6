namespace Situation.Contracts.Accounts;

/// <summary>
/// An operator feed's API key as stored: bound to one organisation, its secret kept only as a
/// SHA-256 hash (the secret is 256 random bits, so a slow hash adds nothing but latency per request).
/// </summary>
[GenerateSerializer, Alias("situation.api-key")]
public sealed record ApiKeyRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Organisation { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required byte[] SecretHash { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public required string CreatedBy { get; init; }
    [Id(6)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(7)] public string? RevokedBy { get; init; }
    [Id(8)] public long Version { get; init; }

    public ApiKeyView ToView() => new(Id, Organisation, Name, CreatedAt, CreatedBy, RevokedAt, RevokedBy, Version);
}

/// <summary>An API key as the API lists it, without its secret.</summary>
[GenerateSerializer, Immutable, Alias("situation.api-key-view")]
public sealed record ApiKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Organisation,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset? RevokedAt,
    [property: Id(6)] string? RevokedBy,
    [property: Id(7)] long Version);
