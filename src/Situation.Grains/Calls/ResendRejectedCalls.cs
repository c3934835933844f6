using Microsoft.Extensions.Logging;

namespace Situation.Grains.Calls;

/// <summary>
/// Sends a grain call again when Orleans rejected it before it ran. A node that leaves gracefully
/// rejects the calls that still reach it ("silo stopping") and, with the rejection, strikes its
/// address from the caller's directory cache, so the same call sent again reaches the grain where
/// it lives next. A rejection means the grain never received the call, so sending it again cannot
/// apply a write twice; without this, every rolling restart failed a few operators' reports with 503.
/// </summary>
public sealed class ResendRejectedCalls(ILogger<ResendRejectedCalls> logger) : IOutgoingGrainCallFilter
{
    /// <summary>Tries in all: a grain moves once per departure, so a third rejection is a real outage.</summary>
    private const int Attempts = 3;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException rejection) when (attempt < Attempts)
            {
                logger.LogInformation("{Interface}.{Method} to {Grain} was rejected before it ran ({Reason}); sending it again",
                    context.InterfaceName, context.MethodName, context.TargetId, rejection.Message.Split('\n')[0]);
                await Task.Delay(Pause * attempt);
            }
        }
    }
}
