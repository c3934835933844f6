using System.Security.Cryptography;
using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Json;
using Situation.Contracts.Model;

namespace Situation.Grains.Accounts;

public sealed class UserGrain(
    [PersistentState("user", "Default")] IPersistentState<AccountState<UserAccount>> state,
    IAuditLog audit,
    TimeProvider clock) : Grain, IUserGrain
{
    public Task<UserAccount?> Get() => Task.FromResult(state.State.Current);

    public async Task<UserAccount?> Create(UserAccount account, Actor actor)
    {
        if (state.State.Current is not null)
            return null;
        var now = clock.GetUtcNow();
        var created = account with { Version = 1, Generation = 1, CreatedAt = now, UpdatedAt = now, UpdatedBy = actor.Name };
        await Commit(created, actor, "create");
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).AddUser(created.Username);
        return created;
    }

    public async Task<UserAccount?> Change(UserChange change, Actor actor)
    {
        if (state.State.Current is not { } current)
            return null;
        var next = current with
        {
            DisplayName = change.DisplayName ?? current.DisplayName,
            Role = change.Role ?? current.Role,
            Scope = change.ClearScope ? null : change.Scope ?? current.Scope,
            Disabled = change.Disabled ?? current.Disabled,
            PasswordHash = change.PasswordHash ?? current.PasswordHash,
            // A new password ends every session; so does disabling (re-enabling does not revive old tokens).
            Generation = current.Generation + (change.PasswordHash is not null || change is { Disabled: true } && !current.Disabled ? 1 : 0),
        };
        if (next == current)
            return current;
        await Commit(next with { Version = current.Version + 1, UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.Name }, actor, "change");
        return state.State.Current;
    }

    private Task Commit(UserAccount next, Actor actor, string action) => AccountWrites.Commit(state, audit, next, (before, after) =>
        new AuditRecord(after.UpdatedAt, actor.Name, "user", after.Username, after.Version, action, ViewJson.Write(before?.ToView()), ViewJson.Write(after.ToView())));
}
