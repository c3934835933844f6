using System.Security.Cryptography;
using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Json;
using Situation.Contracts.Model;

namespace Situation.Grains.Accounts;

public sealed class ApiKeyGrain(
    [PersistentState("apikey", "Default")] IPersistentState<AccountState<ApiKeyRecord>> state,
    IAuditLog audit,
    TimeProvider clock) : Grain, IApiKeyGrain
{
    public Task<ApiKeyView?> Get() => Task.FromResult(state.State.Current?.ToView());

    public async Task<ApiKeyView?> Issue(ApiKeyRecord key, Actor actor)
    {
        if (state.State.Current is not null)
            return null;
        var issued = key with { Version = 1, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Name };
        await Commit(issued, actor, "issue");
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).AddKey(issued.Id);
        return issued.ToView();
    }

    public Task<ApiKeyView?> Verify(byte[] secretHash)
    {
        var key = state.State.Current;
        var valid = key is { RevokedAt: null } && CryptographicOperations.FixedTimeEquals(key.SecretHash, secretHash);
        return Task.FromResult(valid ? key!.ToView() : null);
    }

    public async Task<ApiKeyView?> Revoke(Actor actor)
    {
        if (state.State.Current is not { } current)
            return null;
        if (current.RevokedAt is not null)
            return current.ToView();
        await Commit(current with { RevokedAt = clock.GetUtcNow(), RevokedBy = actor.Name, Version = current.Version + 1 }, actor, "revoke");
        return state.State.Current!.ToView();
    }

    private Task Commit(ApiKeyRecord next, Actor actor, string action) => AccountWrites.Commit(state, audit, next, (before, after) =>
        new AuditRecord(after.RevokedAt ?? after.CreatedAt, actor.Name, "apikey", after.Id, after.Version, action, ViewJson.Write(before?.ToView()), ViewJson.Write(after.ToView())));
}
