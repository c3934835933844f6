using Situation.Contracts.Directives;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Directives;

/// <summary>One obligation as a directive makes it: what one organisation owes under one clause.</summary>
public sealed record ObligationDefinition(
    string Id, string DirectiveId, string Clause, string Kind, string OrganisationId, string? DistrictId, DateTimeOffset? Deadline, string Cadence);

/// <summary>What an organisation sent by hand for an obligation, or the DIC's waiver of it.</summary>
[GenerateSerializer, Alias("situation.obligation-record")]
public sealed record ObligationRecord
{
    [Id(0)] public string? Note { get; init; }
    [Id(1)] public string? Document { get; init; }
    [Id(2)] public DateTimeOffset? SentAt { get; init; }
    [Id(3)] public string? SentBy { get; init; }
    [Id(4)] public string? WaivedBecause { get; init; }
}

/// <summary>What the platform knows that decides computed obligations.</summary>
public sealed record ComplianceFacts(
    IReadOnlyDictionary<string, OrganisationView> Organisations,
    IReadOnlyDictionary<string, CheckpointView> Checkpoints,
    IReadOnlyList<FlagView> PowerCritical,
    TimeSpan PowerWaitLimit,
    DateTimeOffset PlatformNow,
    IReadOnlyDictionary<string, List<RosterGap>> RosterGaps);

/// <summary>An obligation's status and why (in English, and as a finding a dashboard words itself); the share of it done, where that can be counted.</summary>
public sealed record Decision(string Status, string? Evidence, string? Document, bool Computed, double? Share = null, ObligationFinding? Finding = null);

/// <summary>What one rule found: whether the obligation is met, why in English, the document sent, whether the platform decided it, and the finding.</summary>
internal sealed record Found(bool Met, string? Evidence, string? Document, bool Computed, ObligationFinding? Finding = null)
{
    public static ObligationFinding Of(string code, params (string Name, object Value)[] args) =>
        new(code, args.ToDictionary(a => a.Name, a => a.Value switch
        {
            DateTimeOffset at => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => a.Value.ToString() ?? "",
        }, StringComparer.Ordinal));
}

/// <summary>
/// The rules of the directives, apart from any grain: which obligations a directive makes of which
/// organisations, and what decides each obligation's status at a moment.
/// </summary>
public static class ObligationRules
{
    /// <summary>The province's local time: a "day" of a daily obligation is a day in Vietnam (UTC+7).</summary>
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);

    public static string IdOf(string directiveId, string clause, string organisationId) => $"{directiveId}.{clause}.{organisationId}";

    /// <summary>Every obligation of a directive: one per clause obligation and addressee, groups expanded to the organisations of their kind.</summary>
    public static IEnumerable<ObligationDefinition> Expand(Directive directive, IReadOnlyCollection<OrganisationView> organisations)
    {
        foreach (var clause in directive.Clauses)
            foreach (var obligation in clause.Obligations)
                foreach (var organisation in Addressed(obligation.Addressees, organisations))
                    yield return new ObligationDefinition(IdOf(directive.Id, clause.Id, organisation.Id), directive.Id, clause.Id, obligation.Kind,
                        organisation.Id, organisation.DistrictId, obligation.Deadline, obligation.Cadence);
    }

    private static IEnumerable<OrganisationView> Addressed(IEnumerable<string> addressees, IReadOnlyCollection<OrganisationView> organisations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var addressee in addressees)
        {
            var matched = Words.OrganisationKind.Groups.TryGetValue(addressee, out var kind)
                ? organisations.Where(o => o.Kind == kind).OrderBy(o => o.Id, StringComparer.Ordinal)
                : organisations.Where(o => o.Id == addressee);
            foreach (var organisation in matched)
                if (seen.Add(organisation.Id))
                    yield return organisation;
        }
    }

    /// <summary>Kinds whose status the platform decides from what it knows; evidence sent by hand does not change them.</summary>
    public static bool IsComputed(string kind) =>
        kind is Words.ObligationKind.ContactPoint or Words.ObligationKind.CheckpointWifi or Words.ObligationKind.PriorityPower
            or Words.ObligationKind.DutyRoster or Words.ObligationKind.HealthDeclarations;

    public static Decision Decide(ObligationDefinition obligation, ComplianceFacts facts, ObligationRecord? record, DateTimeOffset directiveDate, DateTimeOffset now)
    {
        if (record?.WaivedBecause is { } reason)
            return new Decision(Words.ObligationStatus.Waived, reason, null, Computed: false);
        if (obligation.Kind == Words.ObligationKind.HealthDeclarations)
            return HealthDeclarations(obligation, facts, directiveDate, now);
        var found = obligation.Kind switch
        {
            Words.ObligationKind.ContactPoint => ContactPoint(obligation, facts),
            Words.ObligationKind.CheckpointWifi => CheckpointWifi(obligation, facts),
            Words.ObligationKind.PriorityPower => PriorityPower(facts),
            Words.ObligationKind.DutyRoster => DutyRoster(obligation, facts),
            _ => ByHand(obligation, record, now),
        };
        var status = found.Met ? Words.ObligationStatus.Met
            : IsOverdue(obligation, record, directiveDate, now) ? Words.ObligationStatus.Overdue : Words.ObligationStatus.Pending;
        return new Decision(status, found.Evidence, found.Document, found.Computed, Finding: found.Finding);
    }

    /// <summary>
    /// Past its deadline; or, for a daily obligation, a whole day after the directive's first one
    /// went by without what it asks. A continuous obligation without a deadline is owed, never late.
    /// </summary>
    private static bool IsOverdue(ObligationDefinition obligation, ObligationRecord? record, DateTimeOffset directiveDate, DateTimeOffset now)
    {
        if (obligation.Deadline is { } deadline)
            return now >= deadline;
        if (obligation.Cadence != Words.Cadence.Daily)
            return false;
        var yesterday = LocalDay(now).AddDays(-1);
        var lastSent = record?.SentAt is { } sent ? LocalDay(sent) : DateOnly.MinValue;
        return yesterday > LocalDay(directiveDate) && lastSent < yesterday;
    }

    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(LocalOffset).DateTime);

    private static Found ContactPoint(ObligationDefinition obligation, ComplianceFacts facts) =>
        facts.Organisations.TryGetValue(obligation.OrganisationId, out var organisation) && organisation.ContactPoint is { } contact
            ? new(true, $"{contact.Name}, {contact.Position}, {contact.Phone}", null, true,
                Found.Of("contact_named", ("name", contact.Name), ("position", contact.Position), ("phone", contact.Phone)))
            : new(false, null, null, true, Found.Of("contact_missing"));

    /// <summary>
    /// A district owes wifi at every active checkpoint in it; a telecom enterprise at every active
    /// checkpoint it was given to provide. Met when each has wifi <c>ok</c> and is not stale.
    /// </summary>
    private static Found CheckpointWifi(ObligationDefinition obligation, ComplianceFacts facts)
    {
        var owed = facts.Checkpoints.Values
            .Where(c => c.Status == Words.CheckpointStatus.Active)
            .Where(c => obligation.DistrictId is { } district ? c.DistrictId == district : c.WifiOperator == obligation.OrganisationId)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var without = owed.Where(c => c.Wifi != Words.Wifi.Ok || c.Stale).Select(c => c.Id).ToList();
        if (owed.Count == 0)
            return new(true, "no active checkpoint", null, true, Found.Of("wifi_no_checkpoint"));
        if (without.Count == 0)
            return new(true, $"wifi at all {owed.Count} active checkpoints", null, true, Found.Of("wifi_all", ("total", owed.Count)));
        return new(false, $"{owed.Count - without.Count} of {owed.Count} active checkpoints have wifi; without: {string.Join(", ", without)}", null, true,
            Found.Of("wifi_partial", ("ok", owed.Count - without.Count), ("total", owed.Count), ("without", string.Join(", ", without))));
    }

    /// <summary>
    /// Met while no site has waited on battery at the critical level longer than the limit — on the
    /// platform's clock, which the flags keep, not the directives' (a demo's may run in 2021).
    /// </summary>
    private static Found PriorityPower(ComplianceFacts facts)
    {
        var waiting = facts.PowerCritical.Where(f => facts.PlatformNow - f.Since > facts.PowerWaitLimit).Select(f => f.Subject.Id).Order(StringComparer.Ordinal).ToList();
        var minutes = (int)facts.PowerWaitLimit.TotalMinutes;
        return waiting.Count == 0
            ? new(true, $"no site has waited for power longer than {minutes} min", null, true, Found.Of("power_none_waiting", ("minutes", minutes)))
            : new(false, $"{waiting.Count} sites waiting longer than {minutes} min: {string.Join(", ", waiting.Take(10))}{(waiting.Count > 10 ? ", …" : "")}", null, true,
                Found.Of("power_waiting", ("count", waiting.Count), ("minutes", minutes), ("sites", string.Join(", ", waiting.Take(10)) + (waiting.Count > 10 ? ", …" : ""))));
    }

    /// <summary>How far ahead a roster must cover its duties.</summary>
    public static readonly TimeSpan RosterHorizon = TimeSpan.FromDays(7);

    /// <summary>Met while the leadership, operations and emergency-response duties are all staffed for every hour of the next 7 days.</summary>
    private static Found DutyRoster(ObligationDefinition obligation, ComplianceFacts facts)
    {
        var gaps = facts.RosterGaps.GetValueOrDefault(obligation.OrganisationId) ?? [];
        if (gaps.Count == 0)
            return new(true, "every duty staffed around the clock for the next 7 days", null, true, Found.Of("roster_staffed"));
        var first = gaps.OrderBy(g => g.Start).First();
        var shown = gaps.OrderBy(g => g.Start).Take(3).Select(g => $"{g.Duty} {g.Start.ToOffset(LocalOffset):dd/MM HH:mm}–{g.End.ToOffset(LocalOffset):dd/MM HH:mm}");
        return new(false, $"{gaps.Count} gaps in the next 7 days: {string.Join(", ", shown)}{(gaps.Count > 3 ? ", …" : "")}", null, true,
            Found.Of("roster_gaps", ("count", gaps.Count), ("duty", first.Duty), ("start", first.Start), ("end", first.End)));
    }

    /// <summary>
    /// Met by the day's report (its share declared of those who worked is shown); overdue once a whole
    /// day after the directive's first went by without one; otherwise today's is still to come.
    /// </summary>
    private static Decision HealthDeclarations(ObligationDefinition obligation, ComplianceFacts facts, DateTimeOffset directiveDate, DateTimeOffset now)
    {
        var reports = facts.Organisations.TryGetValue(obligation.OrganisationId, out var organisation) ? organisation.HealthDeclarations : [];
        var today = LocalDay(now);
        if (reports.FirstOrDefault(r => r.Day == today) is { } report)
            return new Decision(Words.ObligationStatus.Met, $"{report.Declared} of {report.Worked} staff declared ({report.Share:P0})", null, true, report.Share,
                Found.Of("declarations_today", ("declared", report.Declared), ("worked", report.Worked)));
        var yesterday = today.AddDays(-1);
        var missed = yesterday > LocalDay(directiveDate) && !reports.Any(r => r.Day == yesterday);
        var last = reports.OrderByDescending(r => r.Day).FirstOrDefault();
        var evidence = last is null ? "no report yet" : $"last report {last.Day:dd/MM/yyyy}: {last.Declared} of {last.Worked} declared";
        var finding = last is null ? Found.Of("declarations_none")
            : Found.Of("declarations_last", ("day", last.Day), ("declared", last.Declared), ("worked", last.Worked));
        return new Decision(missed ? Words.ObligationStatus.Overdue : Words.ObligationStatus.Pending, evidence, null, true, last?.Share, finding);
    }

    /// <summary>Evidence sent by hand; a daily obligation's only for the day it was sent.</summary>
    private static Found ByHand(ObligationDefinition obligation, ObligationRecord? record, DateTimeOffset now)
    {
        if (record?.SentAt is not { } sent)
            return new(false, null, null, false);
        var met = obligation.Cadence != Words.Cadence.Daily || LocalDay(sent) == LocalDay(now);
        return new(met, record.Note, record.Document, false);
    }
}
