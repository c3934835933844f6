using Situation.Contracts.Accounts;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using State = Situation.Contracts.Model.Words.IncidentState;

namespace Situation.Contracts.Incidents;

/// <summary>The lifecycle of an incident, and when an entity it concerns counts as serving again.</summary>
public static class IncidentRules
{
    /// <summary>
    /// The steps an incident may take from each state. It is acknowledged before anything else, so
    /// that the time to acknowledge is always known; it may be resolved once acknowledged (service can
    /// come back before a crew arrives) and cancelled until it is closed.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string[]> Next = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [State.Open] = [State.Acknowledged, State.Cancelled],
        [State.Acknowledged] = [State.CrewDispatched, State.Resolved, State.Cancelled],
        [State.CrewDispatched] = [State.OnSite, State.Resolved, State.Cancelled],
        [State.OnSite] = [State.Resolved, State.Cancelled],
        [State.Resolved] = [],
        [State.Cancelled] = [],
    };

    public static bool MayMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> NextFrom(string from) => Next.TryGetValue(from, out var next) ? next : [];

    public static bool IsOpen(string state) => state is not (State.Resolved or State.Cancelled);

    /// <summary>The flag kinds an incident may be opened from: the map's, not the directives' own.</summary>
    public static bool MayOpenFrom(string flagKind) => !FlagKind.IsDirectives(flagKind);

    /// <summary>
    /// Who sees an incident: its enterprise (its people, keys, a scoped utility or agency), the
    /// committee of its district, leaders, administrators and unscoped utilities; not checkpoint
    /// officers, who check passes.
    /// </summary>
    public static Audience AudienceOf(IncidentView incident) => new(incident.EnterpriseId, incident.DistrictId);

    /// <summary>Whether an entity gives the service an incident about it is meant to restore.</summary>
    public static bool InService(EntityView view) => view switch
    {
        SiteView site => site.Health == Words.Health.Up,
        CheckpointView checkpoint => checkpoint.Wifi == Words.Wifi.Ok,
        IStatusView postal => postal.Status is Words.OfficeStatus.Open or Words.RouteStatus.Running,
        _ => true,
    };
}
