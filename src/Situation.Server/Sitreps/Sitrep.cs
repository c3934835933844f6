namespace Situation.Server.Sitreps;

/// <summary>What a report covers: from (inclusive) to (exclusive), and the language it is written in.</summary>
public sealed record SitrepPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;
}

/// <summary>Sites at the end of the period: by effective health, on battery, and by cause among those not up.</summary>
public sealed record SiteCounts(int Total, int Up, int Degraded, int Down, int OnBattery, int CausePower, int CauseTransport, int CauseDamage);

/// <summary>
/// One district's figures (or the province's, <see cref="DistrictId"/> null). Availability is the share
/// of site-time in the period that sites were in service (effective health not down), each site counted
/// from when it existed; null with no sites.
/// </summary>
public sealed record AreaFigures(
    string? DistrictId,
    string Name,
    SiteCounts Sites,
    double? Availability,
    int ZonesDeclared,
    int ZonesLifted,
    int ZonesActive,
    int CheckpointsWithWifi,
    int CheckpointsWithoutWifi,
    IReadOnlyDictionary<string, int> OfficesByStatus,
    IReadOnlyDictionary<string, int>? RoutesByStatus,
    int FlagsRaised,
    int FlagsCleared);

/// <summary>A flag open at some time in the period: when it was raised (maybe before), when cleared (if it was), and for how long.</summary>
public sealed record FlagLine(string Id, string Kind, string? DistrictId, string SubjectType, string SubjectId, string Severity,
    DateTimeOffset Raised, DateTimeOffset? Cleared, TimeSpan Duration, bool RaisedInPeriod);

/// <summary>The province at one moment of the period: for the trend charts.</summary>
public sealed record TrendPoint(DateTimeOffset At, int SitesDown, int ActiveZones, int OpenFlags);

/// <summary>Incidents opened and resolved in the period, with the mean times from opening to acknowledgement and to restoration.</summary>
public sealed record IncidentFigures(int Opened, int Resolved, double? MeanHoursToAcknowledge, double? MeanHoursToRestore);

/// <summary>The daily situation report (Báo cáo tình hình): its figures, per district and province-wide.</summary>
public sealed record SitrepFigures(
    SitrepPeriod Period,
    AreaFigures Province,
    IReadOnlyList<AreaFigures> Districts,
    IReadOnlyList<FlagLine> Flags,
    IReadOnlyList<TrendPoint> Trend,
    IncidentFigures? Incidents,
    double? MeanClearedFlagHours);
