using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Live;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Directives;

/// <summary>
/// The compliance grain on a manual clock, with real storage and a recording live feed: deadlines
/// passing, contact points arriving, checkpoints' wifi deciding an obligation, and what the live
/// feed is told. A cluster of its own: these tests move its clock by hours.
/// </summary>
public sealed class ComplianceGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly Actor Admin = new("admin", "admin");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private IComplianceGrain Compliance => cluster.Grains.GetGrain<IComplianceGrain>(IComplianceGrain.Key);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private async Task Directive(string id, string kind, string addressee, string cadence, DateTimeOffset? deadline)
    {
        var saved = await Compliance.SaveDirective(new Directive
        {
            Id = id, Number = $"{id}/TEST", Date = new DateOnly(2021, 1, 27), Issuer = "Sở TT&TT", Subject = "Thử",
            Clauses = [new Clause { Id = "1", Text = "Điều 1", Obligations = [new ClauseObligation { Kind = kind, Addressees = [addressee], Cadence = cadence, Deadline = deadline }] }],
        }, create: true, Admin);
        Assert.Equal(WriteOutcome.Created, saved.Outcome);
    }

    private async Task<ObligationView> Obligation(string id) => (await Compliance.Obligations()).Single(o => o.Id == id);

    private Task<LiveChange> Published(string type, string id, Func<LiveChange, bool> match, string what) =>
        cluster.Feed.Seen(c => c.Type == type && c.Id == id && match(c), Bound)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException($"not published within {Bound}: {what}"));

    [Fact]
    public async Task A_contact_point_turns_overdue_at_its_deadline_raises_a_flag_and_is_met_when_sent()
    {
        var organisation = Unique("agency");
        await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Register(new("Công an thử", Words.OrganisationKind.Police, null), Admin);
        var directive = Unique("letter");
        var deadline = await Compliance.Now() + TimeSpan.FromHours(2);
        await Directive(directive, Words.ObligationKind.ContactPoint, organisation, Words.Cadence.Once, deadline);
        var id = $"{directive}.1.{organisation}";
        var flagId = $"obligation_overdue.obligation.{id}";

        Assert.Equal("pending", (await Obligation(id)).Status);
        cluster.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        await Compliance.Evaluate();
        Assert.Equal("pending", (await Obligation(id)).Status);
        Assert.Empty(await Compliance.Flags(null, FlagKind.ObligationOverdue).ContinueWith(t => t.Result.Where(f => f.Id == flagId)));

        cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        await Compliance.Evaluate();
        var overdue = await Obligation(id);
        Assert.Equal("overdue", overdue.Status);
        Assert.Equal(deadline, overdue.StatusSince);
        var raised = await Published("flag", flagId, c => !c.Deleted, "the overdue flag");
        Assert.Equal(new FlagSubject("obligation", id), ((FlagView)raised.Data!).Subject);
        await Published("obligation", id, c => ((ObligationView)c.Data!).Status == "overdue", "the obligation overdue");

        var sent = await cluster.Grains.GetGrain<IOrganisationGrain>(organisation)
            .SetContactPoint(new ContactPoint("Trần Văn B", "Phó Chánh Văn phòng", "0000 000 111", null, await Compliance.Now()), new Actor("police", "agency", organisation));
        Assert.Equal(WriteOutcome.Changed, sent.Outcome);
        Assert.Equal("met", (await Obligation(id)).Status);
        await Published("flag", flagId, c => c.Deleted, "the overdue flag cleared");
        await Published("obligation", id, c => ((ObligationView)c.Data!).Status == "met", "the obligation met");
        Assert.DoesNotContain(await Compliance.Flags(null, null), f => f.Id == flagId);

        // The cell's history: each turn of the status, the platform's own included, newest first.
        var changes = (await Compliance.StatusChanges(id))!;
        Assert.Equal([("overdue", "met"), ("pending", "overdue"), ((string?)null, "pending")], changes.Select(c => (c.From, c.To)));
        Assert.Equal(deadline, changes[1].At);
        // Owed from the moment the administrator's directive made it; overdue and met, the platform's finding.
        Assert.Equal(["system", "system", "admin"], changes.Select(c => c.By));
        Assert.Equal(("contact_named", "Trần Văn B"), (changes[0].Finding!.Code, changes[0].Finding!.Args["name"]));
        Assert.Equal("contact_missing", changes[1].Finding!.Code);
        Assert.Null(await Compliance.StatusChanges($"{directive}.9.{organisation}"));
    }

    [Fact]
    public async Task Another_organisations_account_cannot_send_its_contact_point()
    {
        var organisation = Unique("agency");
        await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Register(new("Quân sự thử", Words.OrganisationKind.Military, null), Admin);
        var refused = await cluster.Grains.GetGrain<IOrganisationGrain>(organisation)
            .SetContactPoint(new ContactPoint("X", "Y", "0000 000 222", null, await Compliance.Now()), new Actor("operator-viettel", "operator", "viettel"));
        Assert.Equal(WriteOutcome.Forbidden, refused.Outcome);
        Assert.Null((await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Get())!.ContactPoint);
    }

    [Fact]
    public async Task Checkpoint_wifi_is_met_when_the_last_checkpoint_of_the_district_gets_wifi_and_owed_again_when_one_loses_it()
    {
        var district = Unique("d");
        var organisation = $"district-{district}";
        await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Register(new("UBND thử", Words.OrganisationKind.District, district), Admin);
        var directive = Unique("letter");
        await Directive(directive, Words.ObligationKind.CheckpointWifi, "districts", Words.Cadence.Continuous, deadline: null);
        var id = $"{directive}.1.{organisation}";
        Assert.Equal("met", (await Obligation(id)).Status);  // no active checkpoint owes anything yet

        ICheckpointGrain Checkpoint(string name) => cluster.Grains.Get<ICheckpointGrain>(EntityType.Checkpoint, $"{district}-{name}");
        await Checkpoint("a").Save(new CheckpointDefinition(district, "Chốt A", "QL19", new GeoPoint(108.0, 13.9), "active", "ok", "viettel"), Actor.System);
        var b = await Checkpoint("b").Save(new CheckpointDefinition(district, "Chốt B", "QL14", new GeoPoint(108.1, 13.9), "active", "none", null), Actor.System);
        await Published("obligation", id, c => ((ObligationView)c.Data!).Status == "pending", "owed while checkpoint b has no wifi");
        Assert.Contains($"{district}-b", (await Obligation(id)).Evidence);

        await Checkpoint("b").Patch(new CheckpointPatch(null, null, null, "ok", "vnpt", b.View!.LastReportAt), Actor.System);
        var met = await Published("obligation", id, c => ((ObligationView)c.Data!).Status == "met" && c.Version > 2, "met once the last checkpoint has wifi");
        Assert.Equal("wifi at all 2 active checkpoints", ((ObligationView)met.Data!).Evidence);
        Assert.Equal(new ObligationFinding("wifi_all", new() { ["total"] = "2" }), ((ObligationView)met.Data!).Finding);

        await Checkpoint("a").Patch(new CheckpointPatch(null, null, null, "down", null, null), Actor.System);
        var owed = await Published("obligation", id, c => ((ObligationView)c.Data!).Status == "pending" && c.Version > met.Version, "owed again when a checkpoint loses its wifi");
        Assert.Equal(new ObligationFinding("wifi_partial", new() { ["ok"] = "1", ["total"] = "2", ["without"] = $"{district}-a" }), ((ObligationView)owed.Data!).Finding);
        // Each turn is in the cell's history, as the platform decided it.
        Assert.Equal(["pending", "met", "pending", "met"], (await Compliance.StatusChanges(id))!.Select(c => c.To));
    }

    /// <summary>
    /// Priority power (clause 1.4) is met while no site serving a quarantine zone has waited on a low
    /// battery longer than the configured hour; owed once one has, with the site named; met again once
    /// its power is back.
    /// </summary>
    [Fact]
    public async Task Priority_power_is_owed_once_a_critical_site_has_waited_longer_than_the_limit_and_met_again_when_its_power_is_back()
    {
        var organisation = Unique("power");
        await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Register(new("Điện lực thử", Words.OrganisationKind.Power, null), Admin);
        var directive = Unique("letter");
        await Directive(directive, Words.ObligationKind.PriorityPower, organisation, Words.Cadence.Continuous, deadline: null);
        var id = $"{directive}.1.{organisation}";

        // A base station whose disc covers a quarantine zone, on a battery with 20 minutes left.
        var (lon, lat) = (108.41, 13.81);
        var site = Unique("bts");
        var sites = cluster.Grains.Get<ISiteGrain>(EntityType.Site, site);
        await sites.Register(new SiteRegistration("viettel", "bts", null, new GeoPoint(lon, lat), 3000, null, "622"), Admin);
        string C(double x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var d = 0.004;
        await cluster.Grains.Get<IZoneGrain>(EntityType.Zone, Unique("zone")).Create(new ZoneDefinition("622", "Thôn thử", new GeoShape(
            $$"""{"type":"Polygon","coordinates":[[[{{C(lon - d)}},{{C(lat - d)}}],[{{C(lon + d)}},{{C(lat - d)}}],[{{C(lon + d)}},{{C(lat + d)}}],[{{C(lon - d)}},{{C(lat + d)}}],[{{C(lon - d)}},{{C(lat - d)}}]]]}"""), null), Admin);
        await sites.Report(new SiteReport(Words.Health.Up, Words.Power.Battery, 20, [Words.Cause.Power], cluster.Clock.GetUtcNow()), Admin);
        var flagId = FlagView.IdFor(FlagKind.PowerCritical, EntityType.Site, site);
        await Published("flag", flagId, c => !c.Deleted, "the site's power is critical");

        await Compliance.Evaluate();
        Assert.Equal("met", (await Obligation(id)).Status);

        cluster.Clock.Advance(TimeSpan.FromMinutes(61));
        await Compliance.Evaluate();
        var owed = await Obligation(id);
        Assert.Equal("pending", owed.Status);
        Assert.Equal(new ObligationFinding("power_waiting", new() { ["count"] = "1", ["minutes"] = "60", ["sites"] = site }), owed.Finding);

        await sites.Report(new SiteReport(Words.Health.Up, Words.Power.Grid, null, [], cluster.Clock.GetUtcNow()), Admin);
        await Published("flag", flagId, c => c.Deleted, "the site's power is back");
        await Compliance.Evaluate();
        Assert.Equal(("met", "power_none_waiting"), ((await Obligation(id)).Status, (await Obligation(id)).Finding!.Code));
    }

    [Fact]
    public async Task A_week_of_rosters_with_one_hour_missing_for_one_duty_raises_exactly_one_roster_gap_with_that_hour()
    {
        var organisation = Unique("telco");
        await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Register(new("Nhà mạng thử", Words.OrganisationKind.Telecom, null), Admin);
        var directive = Unique("letter");
        await Directive(directive, Words.ObligationKind.DutyRoster, "telecom", Words.Cadence.Continuous, deadline: null);
        var id = $"{directive}.1.{organisation}";

        // Eight days of 8-hour shifts of each duty from the start of this hour; one emergency shift on day 3 ends an hour early.
        var from = Situation.Grains.Directives.RosterCoverage.StartOfHour(await Compliance.Now());
        var hole = from.AddDays(2).AddHours(15);
        var shifts = new List<ShiftDefinition>();
        foreach (var duty in Words.Duty.AroundTheClock)
            for (var start = from; start < from.AddDays(8); start = start.AddHours(8))
                shifts.Add(new ShiftDefinition($"{duty}-{start:yyyyMMddHH}", duty, "Cán bộ trực", "0000 001 000", start,
                    duty == Words.Duty.EmergencyResponse && start.AddHours(8) == hole.AddHours(1) ? hole : start.AddHours(8)));
        var actor = new Actor("operator-test", "operator", organisation);
        Assert.Equal(WriteOutcome.Created, (await cluster.Grains.GetGrain<IRosterGrain>(organisation).Save([.. shifts], actor)).Outcome);

        var gaps = (await Compliance.Flags(null, FlagKind.RosterGap)).Where(f => f.Related.Contains(organisation)).ToList();
        var gap = Assert.Single(gaps);
        Assert.Equal(hole.ToUnixTimeSeconds(), gap.Detail["startsAt"]);
        Assert.Equal(hole.AddHours(1).ToUnixTimeSeconds(), gap.Detail["endsAt"]);
        Assert.Equal(1, gap.Detail["hours"]);
        Assert.StartsWith($"{organisation}.emergency_response.", gap.Subject.Id);
        var owed = await Obligation(id);
        Assert.Equal("pending", owed.Status);
        Assert.Contains("1 gaps", owed.Evidence);
        await Published("shift", ShiftView.LiveId(organisation, shifts[0].Id), c => !c.Deleted, "the roster's shifts on the live feed");

        // Filling the hour clears the flag and meets the obligation.
        await cluster.Grains.GetGrain<IRosterGrain>(organisation).Save([new ShiftDefinition("cover", Words.Duty.EmergencyResponse, "Cán bộ thay", "0000 001 001", hole, hole.AddHours(1))], actor);
        Assert.DoesNotContain(await Compliance.Flags(null, FlagKind.RosterGap), f => f.Related.Contains(organisation));
        Assert.Equal("met", (await Obligation(id)).Status);
        await Published("flag", gap.Id, c => c.Deleted, "the roster gap cleared");
    }

    [Fact]
    public async Task Another_organisation_cannot_touch_a_roster()
    {
        var organisation = Unique("telco");
        await cluster.Grains.GetGrain<IOrganisationGrain>(organisation).Register(new("Nhà mạng thử", Words.OrganisationKind.Telecom, null), Admin);
        var start = await Compliance.Now();
        var refused = await cluster.Grains.GetGrain<IRosterGrain>(organisation)
            .Save([new ShiftDefinition("a", Words.Duty.Operations, "X", "0000 001 002", start, start.AddHours(8))], new Actor("operator-viettel", "operator", "viettel"));
        Assert.Equal(WriteOutcome.Forbidden, refused.Outcome);
        Assert.Empty(await cluster.Grains.GetGrain<IRosterGrain>(organisation).Shifts());
    }
}
