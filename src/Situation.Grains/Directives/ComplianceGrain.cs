using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Situation.Contracts.Accounts;
using Situation.Contracts.Audit;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Grains.Live;

namespace Situation.Grains.Directives;

/// <summary>
/// The directives' side of the province: holds the directives and a copy of every organisation,
/// decides each obligation's status whenever something it depends on changes (a contact point, a
/// checkpoint's wifi, the clock passing a deadline), and publishes what changed — obligations,
/// organisations, <c>obligation_overdue</c> flags — to the live feed, as the index and flags do for
/// the map. Small enough for one grain: a province has some thirty addressees and a few hundred
/// obligations.
/// </summary>
public sealed class ComplianceGrain(
    [PersistentState("compliance", "Default")] IPersistentState<ComplianceState> state,
    TimeProvider clock,
    IChangeFeed feed,
    IOptions<ComplianceOptions> options,
    ILogger<ComplianceGrain> logger) : Grain, IComplianceGrain
{
    public const string ObligationType = "obligation";
    public const string OrganisationType = "organisation";
    public const string DirectiveType = "directive";
    public const string ShiftType = "shift";
    public const string RosterSubject = "roster";

    private readonly Dictionary<string, CheckpointView> _checkpoints = new(StringComparer.Ordinal);

    /// <summary>
    /// Every organisation's roster as its grain last stored it: read from the roster grains at
    /// activation rather than kept in this grain's state, which is written on every change and would
    /// otherwise carry every shift each time.
    /// </summary>
    private readonly Dictionary<string, ShiftView[]> _rosters = new(StringComparer.Ordinal);
    private IReadOnlyList<FlagView> _powerCritical = [];
    private FlagBook _flags = null!;

    private ComplianceOptions Settings => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _flags = new FlagBook(clock, _ => true);
        _flags.Remember(state.State.Flags);
        await ReadCheckpoints();
        await ReadRosters();
        await Decide(by: null, pullPower: true);
        _flags.ForgetUnraised();
        await PublishAndStore(forceWrite: false);
        this.RegisterGrainTimer(Evaluate, new GrainTimerCreationOptions(Settings.EvaluateEvery, Settings.EvaluateEvery) { KeepAlive = true });
    }

    private async Task ReadCheckpoints()
    {
        try
        {
            var districts = await GrainFactory.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds();
            var read = await Task.WhenAll(districts.Select(d => GrainFactory.GetGrain<IIndexGrain>(IndexKey.ForDistrict(d)).Read(EntityType.Checkpoint)));
            foreach (var checkpoint in read.SelectMany(v => v).OfType<CheckpointView>())
                _checkpoints[checkpoint.Id] = checkpoint;
        }
        catch (Exception error)
        {
            // The checkpoints' changes still arrive; until then their obligations read as owed.
            logger.LogWarning(error, "The compliance grain could not read the checkpoints");
        }
    }

    private async Task ReadRosters()
    {
        var organisations = state.State.Organisations.Keys.ToList();
        var rosters = await Task.WhenAll(organisations.Select(o => GrainFactory.GetGrain<IRosterGrain>(o).Shifts()));
        for (var i = 0; i < organisations.Count; i++)
            if (rosters[i].Length > 0)
                _rosters[organisations[i]] = rosters[i];
    }

    public async Task Evaluate()
    {
        await Decide(by: null, pullPower: true);
        await PublishAndStore(forceWrite: false);
    }

    public Task<DateTimeOffset> Now() => Task.FromResult(DirectivesNow());

    public async Task OrganisationChanged(OrganisationView organisation)
    {
        if (state.State.Organisations.TryGetValue(organisation.Id, out var held) && held.Version >= organisation.Version)
            return;
        state.State.Organisations[organisation.Id] = organisation;
        feed.Publish(new LiveChange(OrganisationType, organisation.Id, organisation.Version, Deleted: false, organisation, DistrictsOf(organisation.DistrictId)));
        await Decide(by: null, pullPower: false);
        await PublishAndStore(forceWrite: true);
    }

    public async Task RosterChanged(string organisationId, ShiftView[] shifts, ShiftView[] removed)
    {
        var held = _rosters.GetValueOrDefault(organisationId) ?? [];
        var versions = held.ToDictionary(s => s.Id, s => s.Version, StringComparer.Ordinal);
        var districts = DistrictsOf(state.State.Organisations.GetValueOrDefault(organisationId)?.DistrictId);
        foreach (var shift in shifts.Where(s => versions.GetValueOrDefault(s.Id) < s.Version))
            _shiftChanges.Add(new LiveChange(ShiftType, ShiftView.LiveId(organisationId, shift.Id), shift.Version, Deleted: false, shift, districts));
        foreach (var shift in removed.Where(r => versions.ContainsKey(r.Id)))
            _shiftChanges.Add(new LiveChange(ShiftType, ShiftView.LiveId(organisationId, shift.Id), shift.Version + 1, Deleted: true, null, districts));
        _rosters[organisationId] = shifts;
        await Decide(by: null, pullPower: false);
        await PublishAndStore(forceWrite: false);
    }

    public Task<ShiftView[]> ShiftList() => Task.FromResult(_rosters.Values.SelectMany(s => s).ToArray());

    public async Task CheckpointsChanged(Immutable<CheckpointView[]> checkpoints)
    {
        foreach (var checkpoint in checkpoints.Value)
            if (!_checkpoints.TryGetValue(checkpoint.Id, out var held) || held.Version < checkpoint.Version)
                _checkpoints[checkpoint.Id] = checkpoint;
        await Decide(by: null, pullPower: false);
        await PublishAndStore(forceWrite: false);
    }

    public async Task<DirectiveWrite<Directive>> SaveDirective(Directive directive, bool create, Actor actor)
    {
        var exists = state.State.Directives.TryGetValue(directive.Id, out var held);
        if (!WriteGate.Administers(actor))
            return new(WriteOutcome.Forbidden, held);
        if (create && exists)
            return new(WriteOutcome.AlreadyExists, held);
        if (!create && !exists)
            return new(WriteOutcome.NotFound, null);
        if (held is not null && SameText(held, directive))
            return new(WriteOutcome.Unchanged, held);
        var next = directive with { Version = (held?.Version ?? 0) + 1, UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.Name };
        state.State.Directives[next.Id] = next;
        state.State.LastChange = AuditedChange.Of(DirectiveType, next.Id, actor, create ? "create" : "update", next.Version, next.UpdatedAt,
            ViewJson.Write(held), ViewJson.Write(next));
        await Decide(by: actor.Name, pullPower: false);
        await PublishAndStore(forceWrite: true);
        return new(create ? WriteOutcome.Created : WriteOutcome.Changed, next);
    }

    public Task<Directive[]> Directives() => Task.FromResult(state.State.Directives.Values.OrderBy(d => d.Date).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray());

    public Task<OrganisationView[]> Organisations() => Task.FromResult(state.State.Organisations.Values.OrderBy(o => o.Id, StringComparer.Ordinal).ToArray());

    public Task<ObligationView[]> Obligations() => Task.FromResult(state.State.Obligations.Values.OrderBy(o => o.Id, StringComparer.Ordinal).ToArray());

    public Task<FlagView[]> Flags(string? districtId, string? kind) => Task.FromResult(_flags.Open
        .Where(f => (districtId is null || f.DistrictId == districtId) && (kind is null || f.Kind == kind))
        .ToArray());

    public Task<DirectiveWrite<ObligationView>> SendEvidence(string obligationId, ObligationEvidence evidence, Actor actor) =>
        ByHand(obligationId, actor, WriteGate.ActsFor, "send-evidence", held => ObligationRules.IsComputed(held.Kind)
            ? null
            : new ObligationRecord { Note = evidence.Note, Document = evidence.Document, SentAt = DirectivesNow(), SentBy = actor.Name });

    public Task<DirectiveWrite<ObligationView>> Waive(string obligationId, string reason, Actor actor) =>
        ByHand(obligationId, actor, (a, _) => WriteGate.Administers(a), "waive", _ =>
            (state.State.Records.GetValueOrDefault(obligationId) ?? new ObligationRecord()) with { WaivedBecause = reason });

    /// <summary>
    /// A write by hand to one obligation: refused unless the actor may, a conflict when the platform
    /// decides it (<paramref name="record"/> answers null), else stored with its audit record.
    /// </summary>
    private async Task<DirectiveWrite<ObligationView>> ByHand(string obligationId, Actor actor, Func<Actor, string, bool> may, string action,
        Func<ObligationView, ObligationRecord?> record)
    {
        if (!state.State.Obligations.TryGetValue(obligationId, out var held))
            return new(WriteOutcome.NotFound, null);
        if (!may(actor, held.OrganisationId))
            return new(WriteOutcome.Forbidden, held);
        if (record(held) is not { } next)
            return new(WriteOutcome.Conflict, held);
        if (state.State.Records.GetValueOrDefault(obligationId) == next)
            return new(WriteOutcome.Unchanged, held);
        state.State.Records[obligationId] = next;
        await Decide(by: actor.Name, pullPower: false);
        var after = state.State.Obligations[obligationId];
        state.State.LastChange = AuditedChange.Of(ObligationType, obligationId, actor, action, after.Version, clock.GetUtcNow(),
            ViewJson.Write(held), ViewJson.Write(after));
        await PublishAndStore(forceWrite: true);
        return new(after.Version == held.Version ? WriteOutcome.Unchanged : WriteOutcome.Changed, after);
    }

    public async Task<FlagView?> Acknowledge(string flagId, Actor actor)
    {
        if (_flags.Acknowledge(flagId, actor.Name) is not { } acknowledged)
            return null;
        await PublishAndStore(forceWrite: true);
        return acknowledged;
    }

    /// <summary>The directives' time: the platform's, or the configured "as of" moment moving on from when it was first set.</summary>
    private DateTimeOffset DirectivesNow()
    {
        var now = clock.GetUtcNow();
        if (Settings.AsOf is not { } asOf)
            return now;
        if (state.State.Anchor is not { } anchor || anchor.AsOf != asOf)
            state.State.Anchor = anchor = new ClockAnchor(asOf, now);
        return anchor.AsOf + (now - anchor.SetAt);
    }

    private readonly List<ObligationView> _changed = [];
    private readonly List<LiveChange> _shiftChanges = [];
    private readonly List<ObligationView> _removed = [];

    /// <summary>Decides every obligation again; what changed waits in <see cref="_changed"/> for <see cref="PublishAndStore"/>.</summary>
    private async Task Decide(string? by, bool pullPower)
    {
        if (pullPower)
            await PullPowerQueue();
        var now = DirectivesNow();
        var organisations = state.State.Organisations.Values.ToList();
        var expanded = state.State.Directives.Values
            .SelectMany(d => ObligationRules.Expand(d, organisations).Select(o => (Date: new DateTimeOffset(d.Date.ToDateTime(TimeOnly.MinValue), ObligationRules.LocalOffset), Obligation: o)))
            .ToList();
        var gaps = RosterGaps(expanded.Where(e => e.Obligation.Kind == Words.ObligationKind.DutyRoster).Select(e => e.Obligation.OrganisationId), now);
        var facts = new ComplianceFacts(state.State.Organisations, _checkpoints, _powerCritical, Settings.PowerWaitLimit, clock.GetUtcNow(), gaps);
        var current = new HashSet<string>(StringComparer.Ordinal);
        RaiseRosterGaps(gaps, now);
        foreach (var (directiveDate, obligation) in expanded)
        {
            current.Add(obligation.Id);
            var decision = ObligationRules.Decide(obligation, facts, state.State.Records.GetValueOrDefault(obligation.Id), directiveDate, now);
            Put(obligation, decision, now, by);
            var overdue = decision.Status == Words.ObligationStatus.Overdue;
            _flags.Set(overdue, FlagKind.ObligationOverdue, new FlagSubject(ObligationType, obligation.Id), obligation.DistrictId,
                overdue && now - OverdueSince(obligation, now) >= TimeSpan.FromDays(1) ? Words.Severity.Critical : Words.Severity.Warning,
                new Dictionary<string, double> { ["daysOverdue"] = overdue ? Math.Floor((now - OverdueSince(obligation, now)).TotalDays) : 0 });
        }
        foreach (var gone in state.State.Obligations.Keys.Where(id => !current.Contains(id)).ToList())
        {
            state.State.Obligations.Remove(gone, out var removed);
            _removed.Add(removed! with { Version = removed!.Version + 1 });
            _flags.Clear(FlagKind.ObligationOverdue, new FlagSubject(ObligationType, gone));
        }
    }

    /// <summary>The gaps of every roster that must be staffed around the clock, over the next 7 days on the directives' clock.</summary>
    private Dictionary<string, List<RosterGap>> RosterGaps(IEnumerable<string> owing, DateTimeOffset now)
    {
        var gaps = new Dictionary<string, List<RosterGap>>(StringComparer.Ordinal);
        foreach (var organisation in owing.Distinct(StringComparer.Ordinal))
        {
            var shifts = _rosters.GetValueOrDefault(organisation) ?? [];
            gaps[organisation] = [.. Words.Duty.AroundTheClock.SelectMany(duty => RosterCoverage.Gaps(shifts, duty, now, now + ObligationRules.RosterHorizon))];
        }
        return gaps;
    }

    /// <summary>
    /// A <c>roster_gap</c> flag per gap, keyed by its organisation, duty and start (<c>now</c> for one
    /// already running, so that its flag stays the same while it lasts); gaps filled are cleared.
    /// </summary>
    private void RaiseRosterGaps(Dictionary<string, List<RosterGap>> gaps, DateTimeOffset now)
    {
        var raised = new HashSet<string>(StringComparer.Ordinal);
        var thisHour = RosterCoverage.StartOfHour(now);
        foreach (var (organisation, list) in gaps)
            foreach (var gap in list)
            {
                var running = gap.Start <= thisHour;
                var subject = new FlagSubject(RosterSubject, $"{organisation}.{gap.Duty}.{(running ? "now" : gap.Start.ToOffset(ObligationRules.LocalOffset).ToString("yyyyMMdd'T'HH", System.Globalization.CultureInfo.InvariantCulture))}");
                raised.Add(subject.Id);
                _flags.Set(true, FlagKind.RosterGap, subject, state.State.Organisations.GetValueOrDefault(organisation)?.DistrictId,
                    running ? Words.Severity.Critical : Words.Severity.Warning,
                    new Dictionary<string, double> { ["startsAt"] = gap.Start.ToUnixTimeSeconds(), ["endsAt"] = gap.End.ToUnixTimeSeconds(), ["hours"] = gap.Hours },
                    [organisation]);
            }
        foreach (var open in _flags.Open.Where(f => f.Kind == FlagKind.RosterGap && !raised.Contains(f.Subject.Id)).ToList())
            _flags.Clear(FlagKind.RosterGap, open.Subject);
    }

    /// <summary>When an overdue obligation fell due: its deadline, or the start of the day after the last one missed.</summary>
    private static DateTimeOffset OverdueSince(ObligationDefinition obligation, DateTimeOffset now) =>
        obligation.Deadline ?? new DateTimeOffset(ObligationRules.LocalDay(now).ToDateTime(TimeOnly.MinValue), ObligationRules.LocalOffset);

    private void Put(ObligationDefinition obligation, Decision decision, DateTimeOffset now, string? by)
    {
        var held = state.State.Obligations.GetValueOrDefault(obligation.Id);
        var next = new ObligationView
        {
            Id = obligation.Id, DirectiveId = obligation.DirectiveId, Clause = obligation.Clause, Kind = obligation.Kind,
            OrganisationId = obligation.OrganisationId, DistrictId = obligation.DistrictId, Deadline = obligation.Deadline, Cadence = obligation.Cadence,
            Status = decision.Status, Evidence = decision.Evidence, Document = decision.Document, Computed = decision.Computed, Share = decision.Share, Finding = decision.Finding,
            StatusSince = held is not null && held.Status == decision.Status ? held.StatusSince : now,
            Version = held?.Version ?? 0, UpdatedAt = held?.UpdatedAt ?? default, UpdatedBy = held?.UpdatedBy ?? "",
        };
        if (held == next)
            return;
        next = next with { Version = (held?.Version ?? 0) + 1, UpdatedAt = clock.GetUtcNow(), UpdatedBy = by ?? "system" };
        state.State.Obligations[obligation.Id] = next;
        if (held?.Status != next.Status)
            Remember(obligation.Id, new ObligationStatusChange(now, held?.Status, next.Status, by ?? "system", next.Evidence, next.Finding));
        _changed.Add(next);
    }

    /// <summary>How many status changes of one obligation are kept: months of a daily obligation's turns.</summary>
    private const int StatusChangesKept = 200;

    /// <summary>
    /// An obligation's status changed, by hand or by the platform (a deadline passed, the last
    /// checkpoint got wifi): kept for its cell's history, which the audit trail alone would not tell.
    /// </summary>
    private void Remember(string obligationId, ObligationStatusChange change)
    {
        if (!state.State.StatusChanges.TryGetValue(obligationId, out var changes))
            state.State.StatusChanges[obligationId] = changes = [];
        changes.Add(change);
        if (changes.Count > StatusChangesKept)
            changes.RemoveRange(0, changes.Count - StatusChangesKept);
    }

    public Task<ObligationStatusChange[]?> StatusChanges(string obligationId) => Task.FromResult(
        state.State.Obligations.ContainsKey(obligationId)
            ? (state.State.StatusChanges.GetValueOrDefault(obligationId) ?? []).AsEnumerable().Reverse().ToArray()
            : null);

    private async Task PullPowerQueue()
    {
        try
        {
            _powerCritical = await GrainFactory.GetGrain<IFlagsGrain>(IFlagsGrain.Key).List(null, FlagKind.PowerCritical);
        }
        catch (Exception error)
        {
            // Decided on what was known last; the next tick asks again.
            logger.LogWarning(error, "The compliance grain could not read the power-critical flags");
        }
    }

    /// <summary>Stores what changed, then publishes it (with the shifts their grains stored): nothing is shown that was not stored.</summary>
    private async Task PublishAndStore(bool forceWrite)
    {
        var flags = _flags.Drain();
        // Shifts are stored by their roster grains already: only what this grain decides needs a write.
        if (_changed.Count > 0 || _removed.Count > 0 || flags.Count > 0 || forceWrite)
        {
            state.State.Flags = [.. _flags.Open];
            try
            {
                await state.WriteStateAsync();
            }
            finally
            {
                state.State.LastChange = null;
            }
        }
        foreach (var obligation in _changed)
            feed.Publish(new LiveChange(ObligationType, obligation.Id, obligation.Version, Deleted: false, obligation, DistrictsOf(obligation.DistrictId)));
        foreach (var obligation in _removed)
            feed.Publish(new LiveChange(ObligationType, obligation.Id, obligation.Version, Deleted: true, null, DistrictsOf(obligation.DistrictId)));
        foreach (var change in flags)
            feed.Publish(LiveChange.OfFlag(change.Flag, change.Deleted));
        foreach (var shift in _shiftChanges)
            feed.Publish(shift);
        _shiftChanges.Clear();
        _changed.Clear();
        _removed.Clear();
    }

    private static IReadOnlyList<string> DistrictsOf(string? districtId) => districtId is { } district ? [district] : [];

    /// <summary>Equal in what an administrator sends; the version and who saved it aside.</summary>
    private static bool SameText(Directive a, Directive b) =>
        ViewJson.Write(a with { Version = 0, UpdatedAt = default, UpdatedBy = "" }) == ViewJson.Write(b with { Version = 0, UpdatedAt = default, UpdatedBy = "" });
}
