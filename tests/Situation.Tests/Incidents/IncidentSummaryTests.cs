using Situation.Contracts.Incidents;
using Situation.Server.Incidents;
using State = Situation.Contracts.Model.Words.IncidentState;

namespace Situation.Tests.Incidents;

/// <summary>
/// The leaders' summary, worked by hand: four incidents of two enterprises in two districts over the
/// last 24 hours (and one older), rolled up for the province, per enterprise and per district.
/// </summary>
public sealed class IncidentSummaryTests
{
    private static readonly DateTimeOffset Until = new(2021, 2, 3, 12, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Since = Until.AddHours(-24);

    private static IncidentView Incident(string id, string enterprise, string district, string state, double openedHoursAgo,
        double? acknowledgedAfterMinutes = null, double? restoredAfterMinutes = null, double? closedAfterMinutes = null)
    {
        var opened = Until.AddHours(-openedHoursAgo);
        return new IncidentView
        {
            Id = id, State = state, EnterpriseId = enterprise, DistrictId = district, OpenedAt = opened,
            AcknowledgedAt = acknowledgedAfterMinutes is { } a ? opened.AddMinutes(a) : null,
            RestoredAt = restoredAfterMinutes is { } r ? opened.AddMinutes(r) : null,
            ClosedAt = closedAfterMinutes is { } c ? opened.AddMinutes(c) : null,
        };
    }

    [Fact]
    public void Times_to_acknowledge_and_restore_are_averaged_per_enterprise_and_per_district_over_the_period()
    {
        IncidentView[] incidents =
        [
            // viettel in Pleiku: acknowledged in 4 min, restored in 60, resolved.
            Incident("a", "viettel", "622", State.Resolved, 10, acknowledgedAfterMinutes: 4, restoredAfterMinutes: 60, closedAfterMinutes: 65),
            // viettel in An Khê: acknowledged in 10 min, still on site.
            Incident("b", "viettel", "623", State.OnSite, 5, acknowledgedAfterMinutes: 10),
            // vnpt in Pleiku: acknowledged in 20 min, restored in 120, resolved.
            Incident("c", "vnpt", "622", State.Resolved, 20, acknowledgedAfterMinutes: 20, restoredAfterMinutes: 120, closedAfterMinutes: 130),
            // vnpt in Pleiku: cancelled after 30 min without being restored: it counts as opened, not as restored.
            Incident("d", "vnpt", "622", State.Cancelled, 3, acknowledgedAfterMinutes: 2, closedAfterMinutes: 30),
            // viettel in Pleiku, opened and resolved two days ago: outside the period, not open.
            Incident("e", "viettel", "622", State.Resolved, 48, acknowledgedAfterMinutes: 1, restoredAfterMinutes: 5, closedAfterMinutes: 6),
        ];

        var summary = IncidentSummary.Of(incidents, Since, Until);

        // Times in seconds: minutes × 60.
        Assert.Equal(new IncidentRollup("", Open: 1, Opened: 4, Resolved: 2, (4 + 10 + 20 + 2) / 4.0 * 60, (60 + 120) / 2.0 * 60), summary.Province);
        Assert.Equal(
        [
            new IncidentRollup("viettel", 1, 2, 1, (4 + 10) / 2.0 * 60, 60 * 60),
            new IncidentRollup("vnpt", 0, 2, 1, (20 + 2) / 2.0 * 60, 120 * 60),
        ], summary.Enterprises);
        Assert.Equal(
        [
            new IncidentRollup("622", 0, 3, 2, (4 + 20 + 2) / 3.0 * 60, (60 + 120) / 2.0 * 60),
            new IncidentRollup("623", 1, 1, 0, 10 * 60, null),
        ], summary.Districts);
    }
}
