namespace Situation.Server.Webhooks;

/// <summary>Outbound webhooks (<c>Situation:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Tries of one delivery at most: the first, then retries after 1, 2, 4, … times <see cref="FirstRetry"/>.</summary>
    public int Attempts { get; set; } = 6;

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one try may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries that may wait for one webhook (its receiver is slow or away) before the oldest are dropped, logged.</summary>
    public int Backlog { get; set; } = 1_000;

    /// <summary>How often a node reads the webhooks again (one registered on another node reaches it within this).</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(5);
}
