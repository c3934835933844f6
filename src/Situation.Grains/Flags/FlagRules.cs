using Situation.Contracts.Model;
using Situation.Contracts.Views;
using static Situation.Contracts.Model.Words;

namespace Situation.Grains.Flags;

/// <summary>
/// When each kind of flag is raised, and how severe it is: one method per kind, answering the
/// severity or null for "not raised". The engine works out the facts (coverage now and before,
/// staleness, what an outage cuts off); these decide. A new kind is a method here, its word in
/// <see cref="FlagKind"/>, and the call in the engine that has its facts.
/// </summary>
internal static class FlagRules
{
    /// <summary>An area (district or active zone) had coverage and less than the threshold share of it is left; critical when almost none is.</summary>
    public static string? ConnectivityGap(double now, double @base, FlagSettings settings) =>
        @base > 0 && now < settings.GapShareOfBase * @base
            ? now < settings.CriticalCoverage ? Severity.Critical : Severity.Warning
            : null;

    /// <summary>An area served by postal routes or offices has none running or open; critical in a quarantine zone.</summary>
    public static string? PostalGap(string areaType, int routes, int offices, int routesRunning, int officesOpen) =>
        (routes > 0 || offices > 0) && routesRunning == 0 && officesOpen == 0
            ? areaType == EntityType.Zone ? Severity.Critical : Severity.Warning
            : null;

    /// <summary>A route counts as serving its areas while it runs, even late.</summary>
    public static bool Serves(RouteView route, bool stale) => !stale && route.Status is RouteStatus.Running or RouteStatus.Delayed;

    public static bool Serves(OfficeView office, bool stale) => !stale && office.Status == OfficeStatus.Open;

    /// <summary>An active checkpoint without working free wifi, or whose provider stopped reporting on it.</summary>
    public static string? CheckpointNoWifi(CheckpointView checkpoint, bool stale) =>
        checkpoint.Status == CheckpointStatus.Active && (checkpoint.Wifi != Wifi.Ok || stale) ? Severity.Warning : null;

    /// <summary>
    /// A reporting entity overdue by its window. A site behind a down upstream cannot report either:
    /// its root's outage flag says it once, instead of one stale flag per site.
    /// </summary>
    public static string? StaleReport(bool stale, bool upstreamDown = false) => stale && !upstreamDown ? Severity.Warning : null;

    /// <summary>A base station that still covers, on battery, with at most the threshold's minutes left.</summary>
    public static string? PowerCritical(SiteView site, bool covers, FlagSettings settings) =>
        covers && site.Power == Power.Battery && site.BatteryMinutes <= settings.PowerCriticalMinutes ? Severity.Critical : null;

    /// <summary>A site down on its own account with sites cut off behind it: one flag at the root of the outage.</summary>
    public static string? UpstreamOutage(int cutOff) => cutOff > 0 ? Severity.Critical : null;
}
