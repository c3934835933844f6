using Situation.Contracts.Accounts;

namespace Situation.Grains.Accounts;

/// <summary>Every user name and key id, so they can be listed; the accounts themselves live in their own grains.</summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("accounts", "Default")] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public Task AddUser(string username) => Add(state.State.Users, username);

    public Task AddKey(string keyId) => Add(state.State.Keys, keyId);

    public Task<string[]> Users() => Task.FromResult(state.State.Users.Order(StringComparer.Ordinal).ToArray());

    public Task<string[]> Keys() => Task.FromResult(state.State.Keys.Order(StringComparer.Ordinal).ToArray());

    private async Task Add(HashSet<string> set, string name)
    {
        if (set.Add(name))
            await state.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("situation.account-directory")]
public sealed class AccountDirectoryState
{
    [Id(0)] public HashSet<string> Users { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public HashSet<string> Keys { get; set; } = new(StringComparer.Ordinal);
}
