namespace Situation.Server.Live;

/// <summary>How changes reach the dashboards: batching, per-client limits, heartbeats and catch-up (<c>Situation:Live</c>).</summary>
public sealed class LiveOptions
{
    /// <summary>
    /// How long changes gather before they are pushed: the upper bound the feed adds to latency. At
    /// 1,000 reports/s with 200 clients, 8 ms held the send → client p99 at 42–45 ms with 41 messages
    /// a second per client; 25 ms, 50–65 ms with 24 (README, Performance).
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(8);

    /// <summary>Items per message at most, so that one storm does not become one huge frame.</summary>
    public int MaxItemsPerMessage { get; set; } = 500;

    /// <summary>How long a client may take no message before it is closed (<see cref="ClientOutbox"/>).</summary>
    public TimeSpan StalledClientBound { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many messages may wait for one client before it is closed.</summary>
    public int ClientQueueLimit { get; set; } = 2_000;

    /// <summary>How often every scope hears where the streams stand, when nothing else is said.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a hole in another node's stream may wait to be filled before its clients are told to reload.</summary>
    public TimeSpan HoleBound { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far back <c>GET /api/changes</c> reaches: by age ...</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>... and by items per publisher and scope.</summary>
    public int CatchUpItems { get; set; } = 100_000;
}
