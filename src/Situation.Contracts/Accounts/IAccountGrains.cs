using Situation.Contracts.Model;

namespace Situation.Contracts.Accounts;

/// <summary>One person's account, keyed by user name.</summary>
[Alias("situation.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<UserAccount?> Get();

    /// <summary>Creates the account; null if it already exists.</summary>
    [Alias("Create")] Task<UserAccount?> Create(UserAccount account, Actor actor);

    /// <summary>Changes the account; null if there is none.</summary>
    [Alias("Change")] Task<UserAccount?> Change(UserChange change, Actor actor);
}

/// <summary>One API key, keyed by its public id.</summary>
[Alias("situation.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<ApiKeyView?> Get();

    /// <summary>Stores a new key; null if the id is taken.</summary>
    [Alias("Issue")] Task<ApiKeyView?> Issue(ApiKeyRecord key, Actor actor);

    /// <summary>The key if it exists, is not revoked and the secret's hash matches; otherwise null.</summary>
    [Alias("Verify")] Task<ApiKeyView?> Verify(byte[] secretHash);

    [Alias("Revoke")] Task<ApiKeyView?> Revoke(Actor actor);
}

/// <summary>The list of every account and key, so that an admin can see them all.</summary>
[Alias("situation.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "accounts";

    [Alias("AddUser")] Task AddUser(string username);

    [Alias("AddKey")] Task AddKey(string keyId);

    [Alias("Users")] Task<string[]> Users();

    [Alias("Keys")] Task<string[]> Keys();
}
