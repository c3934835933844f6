namespace Situation.Server.Alerts;

/// <summary>What an alert is about: a zone declared or lifted, a district's level, a critical flag.</summary>
public enum AlertKind { ZoneDeclared, ZoneLifted, DistrictLevel, CriticalFlag }

/// <summary>One language's words of an alert (a CAP <c>info</c> block).</summary>
public sealed record CapInfo(string Language, string Event, string Headline, string Description, string SenderName);

/// <summary>
/// The area of an alert: its description, and as CAP draws it — polygons ("lat,lon" pairs, the first
/// repeated last) or circles ("lat,lon radius-km").
/// </summary>
public sealed record CapArea(string Description, IReadOnlyList<string> Polygons, IReadOnlyList<string> Circles);

/// <summary>
/// An alert as the platform issues it (OASIS Common Alerting Protocol 1.2): derived from a record of
/// the history, so the same record always gives the same alert, with the same identifier.
/// </summary>
public sealed record CapAlert(
    string Identifier,
    DateTimeOffset Sent,
    AlertKind Kind,
    string Category,
    string Urgency,
    string Severity,
    string Certainty,
    string SubjectType,
    string SubjectId,
    IReadOnlyList<CapInfo> Info,
    CapArea Area);
