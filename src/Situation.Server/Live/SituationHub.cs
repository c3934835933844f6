using Microsoft.AspNetCore.SignalR;
using Situation.Server.Auth;
using Situation.Server.Geography;

namespace Situation.Server.Live;

/// <summary>
/// The live-update hub. Clients subscribe to scopes and receive `changes` messages from
/// the change feed and `heartbeat` messages (<see cref="LiveHeartbeat"/>); the hub itself sends only
/// the heartbeat that starts a subscription.
/// </summary>
public sealed class SituationHub(ProvinceGeography geography, StandingCheck standing, LiveHeartbeat heartbeat) : Hub
{
    public const string Path = "/hubs/situation";
    public const string ChangesMessage = "changes";

    /// <summary>Joins the scopes (`province`, `district:&lt;code&gt;`); answers the scopes now joined.</summary>
    public async Task<string[]> Subscribe(string[] scopes)
    {
        // The connection outlives the request that opened it: whoever holds it must still stand.
        if (Caller.Of(Context.User!) is not { } caller || !await standing.Stands(caller))
        {
            Context.Abort();
            throw new HubException("Your sign-in no longer holds: the account was disabled, its password changed or the key revoked. Sign in again.");
        }
        foreach (var scope in Validate(scopes))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, scope, Context.ConnectionAborted);
            // Read after joining: every message numbered past these positions reaches this connection.
            await Clients.Caller.SendAsync(LiveHeartbeat.Message, heartbeat.For(scope), Context.ConnectionAborted);
        }
        return scopes;
    }

    public async Task Unsubscribe(string[] scopes)
    {
        foreach (var scope in Validate(scopes))
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, scope, Context.ConnectionAborted);
    }

    private string[] Validate(string[]? scopes)
    {
        if (scopes is null || scopes.Length is 0 or > 32)
            throw new HubException("Give between 1 and 32 scopes: \"province\" or \"district:<code>\".");
        foreach (var scope in scopes)
        {
            if (!Scopes.TryParse(scope, out var district) || (district is not null && !geography.HasDistrict(district)))
                throw new HubException($"'{scope}' is not a scope: use \"province\" or \"district:<code>\" of a known district.");
        }
        return scopes;
    }
}
