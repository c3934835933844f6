namespace Situation.Contracts.Accounts;

/// <summary>
/// A person's account as stored: the password only as a salted hash (ASP.NET Core's password
/// hasher), never returned by the API. <see cref="Generation"/> grows when the password changes
/// or the account is disabled, which ends every token issued before.
/// </summary>
[GenerateSerializer, Alias("situation.user-account")]
public sealed record UserAccount
{
    [Id(0)] public required string Username { get; init; }
    [Id(1)] public string? DisplayName { get; init; }
    [Id(2)] public required string Role { get; init; }
    /// <summary>A district code for <c>district</c>, an organisation id for <c>operator</c>; otherwise null.</summary>
    [Id(3)] public string? Scope { get; init; }
    [Id(4)] public bool Disabled { get; init; }
    [Id(5)] public required string PasswordHash { get; init; }
    [Id(6)] public int Generation { get; init; }
    [Id(7)] public long Version { get; init; }
    [Id(8)] public DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(10)] public string? UpdatedBy { get; init; }

    public UserView ToView() => new(Username, DisplayName, Role, Scope, Disabled, Version, CreatedAt, UpdatedAt, UpdatedBy);
}

/// <summary>An account as the API shows it: everything but the password hash.</summary>
[GenerateSerializer, Immutable, Alias("situation.user-view")]
public sealed record UserView(
    [property: Id(0)] string Username,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Scope,
    [property: Id(4)] bool Disabled,
    [property: Id(5)] long Version,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] string? UpdatedBy);

/// <summary>What an admin sets on an account; null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("situation.user-change")]
public sealed record UserChange(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? Role,
    [property: Id(2)] string? Scope,
    [property: Id(3)] bool? Disabled,
    [property: Id(4)] string? PasswordHash,
    [property: Id(5)] bool ClearScope = false);
