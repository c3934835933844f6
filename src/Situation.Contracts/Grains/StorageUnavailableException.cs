namespace Situation.Contracts.Grains;

/// <summary>
/// A grain could not store (or audit) a change because its database was unreachable; nothing was
/// acknowledged. Orleans-serialisable, unlike the database driver's own exceptions, so it reaches a
/// caller on another node intact and becomes a 503 there.
/// </summary>
[GenerateSerializer, Alias("situation.storage-unavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message) : base(message) { }

    public StorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}
