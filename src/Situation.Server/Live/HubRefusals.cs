using Microsoft.AspNetCore.SignalR;

namespace Situation.Server.Live;

/// <summary>
/// A hub call refused for what the client sent (an unknown scope, a sign-in that no longer holds)
/// is the client's mistake, not the server's: a warning with the reason, no stack trace. SignalR's
/// own dispatcher would log every throw as an Error with its stack (its category is silenced in
/// <see cref="LiveSetup"/>), so anything else is logged here as the Error it is.
/// </summary>
public sealed class HubRefusals(ILogger<HubRefusals> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException refused)
        {
            logger.LogWarning("Hub call {Method} from {User} refused: {Reason}", invocation.HubMethodName, invocation.Context.UserIdentifier ?? "?", refused.Message);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Hub call {Method} failed", invocation.HubMethodName);
            throw;
        }
    }
}
