namespace Situation.Contracts.History;

/// <summary>
/// One flag change as the dashboards were sent it: raised or changed (its view as JSON) or cleared
/// (<see cref="Deleted"/>, no body). The flag log is what replay reads flags from: flags are derived,
/// so no audit record holds them, and only this says which were open at a past moment.
/// </summary>
public sealed record FlagRecord(DateTimeOffset At, string FlagId, long Version, bool Deleted, string? Body)
{
    /// <summary>The position in the log, given by the store; 0 before it is stored.</summary>
    public long Seq { get; init; }
}
