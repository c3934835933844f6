using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

/// <summary>What a flag is about.</summary>
[GenerateSerializer, Immutable, Alias("situation.flag-subject")]
public sealed record FlagSubject([property: Id(0)] string Type, [property: Id(1)] string Id);

/// <summary>Who acknowledged a flag, and when.</summary>
[GenerateSerializer, Immutable, Alias("situation.flag-ack")]
public sealed record FlagAck([property: Id(0)] string By, [property: Id(1)] DateTimeOffset At);

/// <summary>
/// A derived flag: computed by the platform, never entered by hand. Its id is stable while
/// its condition holds; its version grows when its severity or detail changes or it is acknowledged.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.flag-view")]
public sealed record FlagView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2), Words("FlagKind")] public required string Kind { get; init; }
    [Id(3)] public required FlagSubject Subject { get; init; }
    [Id(4)] public string? DistrictId { get; init; }
    [Id(5), Words("Severity")] public required string Severity { get; init; }
    [Id(6)] public DateTimeOffset Since { get; init; }
    /// <summary>The numbers that explain the flag, e.g. <c>now</c> and <c>base</c> of a connectivity gap.</summary>
    [Id(7)] public IReadOnlyDictionary<string, double> Detail { get; init; } = new Dictionary<string, double>();
    /// <summary>Entities that explain the flag, e.g. the sites cut off behind an upstream outage.</summary>
    [Id(8)] public string[] Related { get; init; } = [];
    [Id(9)] public FlagAck[] Acks { get; init; } = [];

    public static string IdFor(string kind, string subjectType, string subjectId) => $"{kind}.{subjectType}.{subjectId}";
}

public static class FlagKind
{
    public const string ConnectivityGap = "connectivity_gap";
    public const string PostalGap = "postal_gap";
    public const string CheckpointNoWifi = "checkpoint_no_wifi";
    public const string PowerCritical = "power_critical";
    public const string StaleReport = "stale_report";
    /// <summary>One flag on the root site of an outage instead of one alarm per site cut off behind it.</summary>
    public const string UpstreamOutage = "upstream_outage";

    /// <summary>An organisation has not done by its deadline (or today) what a directive asks of it.</summary>
    public const string ObligationOverdue = "obligation_overdue";
    /// <summary>An enterprise that owes a duty roster has nobody on one of its duties for a stretch of the next 7 days.</summary>
    public const string RosterGap = "roster_gap";

    public static readonly IReadOnlyList<string> All = [ConnectivityGap, PostalGap, CheckpointNoWifi, PowerCritical, StaleReport, UpstreamOutage, ObligationOverdue, RosterGap];

    /// <summary>Flags that follow the directives (raised by the compliance grain), not the map's entities (the flag engine).</summary>
    public static bool IsDirectives(string? kind) => kind is ObligationOverdue or RosterGap;

    public static readonly Vocabulary Vocabulary = new("FlagKind", [.. All]);
}
