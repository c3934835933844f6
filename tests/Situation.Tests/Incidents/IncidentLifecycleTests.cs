using System.Globalization;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Incidents;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Live;
using Situation.Server.Incidents;
using Situation.Tests.Infrastructure;
using State = Situation.Contracts.Model.Words.IncidentState;

namespace Situation.Tests.Incidents;

/// <summary>
/// An incident's handling on a manual clock, with real storage, the real flag engine and a
/// recording live feed: opened from a connectivity gap, taken step by step, its resolution proposed
/// when the site comes back, and its times to acknowledge and restore. A cluster of its own: these
/// tests move its clock.
/// </summary>
public sealed class IncidentLifecycleTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly Actor Admin = new("admin", "admin");
    private static readonly Actor Leader = new("leader", "leader");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private IIncidentBoardGrain Board => cluster.Grains.GetGrain<IIncidentBoardGrain>(IIncidentBoardGrain.Key);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private Task<LiveChange> Published(string type, string id, Func<LiveChange, bool> match, string what) =>
        cluster.Feed.Seen(c => c.Type == type && c.Id == id && match(c), Bound)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException($"not published within {Bound}: {what}"));

    /// <summary>A telecom enterprise with someone on emergency-response duty now, and an account of its own.</summary>
    private async Task<(string Id, Actor Account)> Enterprise(bool onDuty = true)
    {
        var id = Unique("tel");
        await cluster.Grains.GetGrain<IOrganisationGrain>(id).Register(new("Viễn thông thử", Words.OrganisationKind.Telecom, null), Admin);
        if (!onDuty)
            return (id, new Actor($"operator-{id}", "operator", id));
        var now = cluster.Clock.GetUtcNow();
        var saved = await cluster.Grains.GetGrain<IRosterGrain>(id).Save(
            [new ShiftDefinition("er-1", Words.Duty.EmergencyResponse, "Nguyễn Văn Trực", "0000 000 501", now.AddHours(-1), now.AddHours(12))], Admin);
        Assert.Equal(WriteOutcome.Created, saved.Outcome);
        return (id, new Actor($"operator-{id}", "operator", id));
    }

    /// <summary>A base station of the enterprise, up, and a quarantine zone its disc covers whole.</summary>
    private async Task<(string Site, string Zone)> CoveredZone(string enterprise, double lon, double lat)
    {
        var site = Unique("bts");
        var sites = cluster.Grains.Get<ISiteGrain>(EntityType.Site, site);
        Assert.Equal(WriteOutcome.Created, (await sites.Register(new SiteRegistration(enterprise, "bts", null, new GeoPoint(lon, lat), 3000, null, "622"), Admin)).Outcome);
        await Report(site, Words.Health.Up);
        var zone = Unique("zone");
        var d = 0.004;
        string C(double x) => x.ToString(CultureInfo.InvariantCulture);
        var square = new GeoShape($$"""{"type":"Polygon","coordinates":[[[{{C(lon - d)}},{{C(lat - d)}}],[{{C(lon + d)}},{{C(lat - d)}}],[{{C(lon + d)}},{{C(lat + d)}}],[{{C(lon - d)}},{{C(lat + d)}}],[{{C(lon - d)}},{{C(lat - d)}}]]]}""");
        Assert.Equal(WriteOutcome.Created, (await cluster.Grains.Get<IZoneGrain>(EntityType.Zone, zone).Create(new ZoneDefinition("622", "Thôn thử", square, null), Admin)).Outcome);
        return (site, zone);
    }

    private async Task Report(string site, string health) =>
        Assert.NotEqual(WriteOutcome.Forbidden, (await cluster.Grains.Get<ISiteGrain>(EntityType.Site, site)
            .Report(new SiteReport(health, Words.Power.Grid, null, health == Words.Health.Down ? [Words.Cause.Damage] : [], cluster.Clock.GetUtcNow()), Admin)).Outcome);

    private async Task<IncidentView> Move(string id, string to, Actor actor, WriteOutcome expected = WriteOutcome.Changed)
    {
        var moved = await cluster.Grains.GetGrain<IIncidentGrain>(id).Move(new IncidentMove(to, $"→ {to}"), actor);
        Assert.Equal(expected, moved.Outcome);
        return moved.View!;
    }

    [Fact]
    public async Task Opened_from_a_connectivity_gap_it_is_acknowledged_dispatched_on_site_proposed_when_the_site_is_up_and_resolved_with_its_times()
    {
        var (enterprise, account) = await Enterprise();
        var (site, zone) = await CoveredZone(enterprise, 108.21, 13.61);
        var flagId = FlagView.IdFor(FlagKind.ConnectivityGap, EntityType.Zone, zone);
        await Report(site, Words.Health.Down);
        await Published("flag", flagId, c => !c.Deleted, "the zone's connectivity gap");

        var opened = cluster.Clock.GetUtcNow();
        var id = Unique("inc");
        var opening = await Board.Open(id, new IncidentOpening(enterprise, "622", [new EntityRef(EntityType.Zone, zone)], flagId, FlagKind.ConnectivityGap, new GeoPoint(108.21, 13.61), null), Leader);
        Assert.Equal(WriteOutcome.Created, opening.Outcome);
        Assert.Equal(State.Open, opening.View!.State);
        Assert.Equal(new IncidentAssignee("Nguyễn Văn Trực", "0000 000 501", "er-1", null), opening.View.Assignee);
        // One click opens one incident: the same flag again is refused while this one is open.
        var again = await Board.Open(Unique("inc"), new IncidentOpening(enterprise, "622", [new EntityRef(EntityType.Zone, zone)], flagId, FlagKind.ConnectivityGap, null, null), Leader);
        Assert.Equal((WriteOutcome.Conflict, id), (again.Outcome, again.View!.Id));

        cluster.Clock.Advance(TimeSpan.FromMinutes(4));
        // Steps are the enterprise's; nothing is on site before it is acknowledged and a crew sent.
        await Move(id, State.Acknowledged, new Actor("operator-vnpt", "operator", "vnpt"), WriteOutcome.Forbidden);
        await Move(id, State.OnSite, account, WriteOutcome.Conflict);
        var acknowledged = await Move(id, State.Acknowledged, account);
        Assert.Equal(240, acknowledged.TimeToAcknowledgeSeconds);
        await Move(id, State.OnSite, account, WriteOutcome.Conflict);

        cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        var dispatched = await Move(id, State.CrewDispatched, account);
        Assert.Equal(opened.AddMinutes(14), dispatched.DispatchedAt);
        cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        var onSite = await Move(id, State.OnSite, account);
        Assert.Equal(opened.AddMinutes(44), onSite.OnSiteAt);
        Assert.Null(onSite.Proposal);

        cluster.Clock.Advance(TimeSpan.FromMinutes(20));
        await Report(site, Words.Health.Up);
        await Published("flag", flagId, c => c.Deleted, "the gap cleared");
        var proposed = (IncidentView)(await Published(IncidentBoardGrainType, id, c => ((IncidentView)c.Data!).Proposal is not null, "the resolution proposed")).Data!;
        Assert.Equal(State.OnSite, proposed.State);
        Assert.Equal(opened.AddMinutes(64), proposed.RestoredAt);

        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        var resolved = await Move(id, State.Resolved, account);
        Assert.Equal(opened.AddMinutes(69), resolved.ClosedAt);
        Assert.Equal(64 * 60, resolved.TimeToRestoreSeconds);
        Assert.Equal(240, resolved.TimeToAcknowledgeSeconds);
        Assert.Equal([State.Open, State.Acknowledged, State.CrewDispatched, State.OnSite, State.Resolved], resolved.Steps.Select(s => s.State));
        Assert.Equal(["leader", account.Name, account.Name, account.Name, account.Name], resolved.Steps.Select(s => s.By));
        await Move(id, State.Cancelled, account, WriteOutcome.Conflict);

        // The board lists it at its last version, and the summary counts it.
        var listed = (await Board.List()).Single(i => i.Id == id);
        Assert.Equal(resolved.Version, listed.Version);
        var summary = IncidentSummary.Of([listed], opened.AddHours(-1), cluster.Clock.GetUtcNow());
        Assert.Equal((0, 1, 1, 240.0, 3840.0), (summary.Province.Open, summary.Province.Opened, summary.Province.Resolved,
            summary.Province.MeanTimeToAcknowledgeSeconds, summary.Province.MeanTimeToRestoreSeconds));
        Assert.Equal(enterprise, summary.Enterprises.Single().Key);
        Assert.Equal("622", summary.Districts.Single().Key);

        // Once it is resolved, the same flag may open a new incident.
        Assert.Equal(WriteOutcome.Created, (await Board.Open(Unique("inc"), new IncidentOpening(enterprise, "622", [new EntityRef(EntityType.Zone, zone)], flagId, FlagKind.ConnectivityGap, null, null), Leader)).Outcome);
    }

    [Fact]
    public async Task Opened_by_hand_on_a_site_its_resolution_is_proposed_once_the_site_is_up_and_a_dispatch_needs_someone_to_send()
    {
        var (enterprise, account) = await Enterprise(onDuty: false);
        var (site, _) = await CoveredZone(enterprise, 108.31, 13.71);
        await Report(site, Words.Health.Down);
        var id = Unique("inc");
        var opening = await Board.Open(id, new IncidentOpening(enterprise, "622", [new EntityRef(EntityType.Site, site)], null, null, null, "Mất điện lưới"), account);
        Assert.Equal(WriteOutcome.Created, opening.Outcome);
        Assert.Null(opening.View!.Assignee);

        cluster.Clock.Advance(TimeSpan.FromMinutes(2));
        await Move(id, State.Acknowledged, account);
        // Nobody on duty and nobody named: there is no one to send.
        await Move(id, State.CrewDispatched, account, WriteOutcome.Conflict);
        var named = await cluster.Grains.GetGrain<IIncidentGrain>(id).Move(new IncidentMove(State.CrewDispatched, null, new IncidentAssignee("Tổ ứng cứu 2", "0000 000 777", null, "crew-2")), account);
        Assert.Equal((WriteOutcome.Changed, "crew-2"), (named.Outcome, named.View!.CrewId));

        cluster.Clock.Advance(TimeSpan.FromMinutes(8));
        await Report(site, Words.Health.Up);
        var proposed = (IncidentView)(await Published(IncidentBoardGrainType, id, c => ((IncidentView)c.Data!).Proposal is not null, "the resolution proposed")).Data!;
        Assert.Equal(600, proposed.TimeToRestoreSeconds);
        Assert.Equal(State.CrewDispatched, proposed.State);
    }

    private const string IncidentBoardGrainType = Situation.Grains.Incidents.IncidentBoardGrain.LiveType;
}
