using Situation.Contracts.Accounts;

namespace Situation.Server.Auth;

/// <summary>
/// Whether a caller who signed in earlier still stands now: a person's account not disabled and its
/// password not changed since the token, an operator's key not revoked. Requests are checked as
/// they come (the authentication handlers); a live hub connection is checked by this.
/// </summary>
public sealed class StandingCheck(IGrainFactory grains)
{
    public async Task<bool> Stands(Caller caller)
    {
        if (caller.IsApiKey)
            return await grains.GetGrain<IApiKeyGrain>(caller.Name).Get() is { RevokedAt: null };
        var account = await grains.GetGrain<IUserGrain>(caller.Name).Get();
        return account is { Disabled: false } && account.Generation == caller.Generation;
    }
}
