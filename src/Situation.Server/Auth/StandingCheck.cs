using Situation.Contracts.Accounts;

namespace Situation.Server.Auth;

/// <summary>
/// Whether a caller who signed in earlier still stands now: a person's account not disabled, its
/// password not changed since the token and its role and scope as they were, an operator's key not revoked. Requests are checked as
/// they come (the authentication handlers); a live hub connection is checked by this.
/// </summary>
public sealed class StandingCheck(IGrainFactory grains)
{
    public async Task<bool> Stands(Caller caller)
    {
        if (caller.IsApiKey)
            return await grains.GetGrain<IApiKeyGrain>(caller.Name).Get() is { RevokedAt: null };
        var account = await grains.GetGrain<IUserGrain>(caller.Name).Get();
        // A new role or scope ends it too: a live connection must not go on seeing what the old scope saw.
        return account is { Disabled: false } && account.Generation == caller.Generation && account.Role == caller.Role && account.Scope == caller.Scope;
    }
}
