using Situation.Contracts.Accounts;
using Situation.Contracts.Views;

namespace Situation.Contracts.Model;

/// <summary>
/// The contract's words, one class per field: its words as constants for the code that decides on
/// them, and <c>All</c> where the API checks what it is sent.
/// </summary>
public static class Words
{
    public static class DistrictLevel
    {
        public const string Normal = "normal", Watch = "watch", Distancing = "distancing", Lockdown = "lockdown";
        public static readonly Vocabulary All = new("DistrictLevel", Normal, Watch, Distancing, Lockdown);
    }

    public static class ZoneStatus
    {
        public const string Active = "active", Lifted = "lifted";
        public static readonly Vocabulary All = new("ZoneStatus", Active, Lifted);
    }

    public static class CheckpointStatus
    {
        public const string Active = "active", Closed = "closed";
        public static readonly Vocabulary All = new("CheckpointStatus", Active, Closed);
    }

    public static class Wifi
    {
        public const string Ok = "ok", Down = "down", None = "none";
        public static readonly Vocabulary All = new("Wifi", Ok, Down, None);
    }

    public static class SiteKind
    {
        /// <summary>A base station: the only kind that covers an area with its disc.</summary>
        public const string Bts = "bts";
        public const string Exchange = "exchange", Transmission = "transmission", Noc = "noc";
        public static readonly Vocabulary All = new("SiteKind", Bts, Exchange, Transmission, Noc);
    }

    /// <summary>A site's health as reported; its effective health adds "unknown" (stale).</summary>
    public static class Health
    {
        public const string Up = "up", Degraded = "degraded", Down = "down";
        public const string Unknown = "unknown";
        public static readonly Vocabulary All = new("Health", Up, Degraded, Down);
        public static readonly Vocabulary Effective = new("EffectiveHealth", Up, Degraded, Down, Unknown);
    }

    public static class Power
    {
        public const string Grid = "grid", Generator = "generator", Battery = "battery", None = "none";
        public static readonly Vocabulary All = new("Power", Grid, Generator, Battery, None);
    }

    public static class Cause
    {
        public const string Power = "power", Transport = "transport", Damage = "damage", Unknown = "unknown";
        public static readonly Vocabulary All = new("Cause", Power, Transport, Damage, Unknown);
    }

    public static class OfficeStatus
    {
        public const string Open = "open", Closed = "closed";
        public static readonly Vocabulary All = new("OfficeStatus", Open, Closed);
    }

    public static class RouteStatus
    {
        public const string Running = "running", Delayed = "delayed", Suspended = "suspended";
        public static readonly Vocabulary All = new("RouteStatus", Running, Delayed, Suspended);
    }

    public static class Severity
    {
        public const string Warning = "warning", Critical = "critical";
        public static readonly Vocabulary All = new("Severity", Warning, Critical);
    }

    public static readonly Vocabulary Role = new("Role", Roles.Leader, Roles.District, Roles.Operator, Roles.Utility, Roles.Admin);

    /// <summary>Every vocabulary by its name, as the API's description lists them (<see cref="WordsAttribute"/> names one).</summary>
    public static readonly IReadOnlyDictionary<string, Vocabulary> Named = new[]
    {
        DistrictLevel.All, ZoneStatus.All, CheckpointStatus.All, Wifi.All, SiteKind.All, Health.All, Health.Effective, Power.All,
        Cause.All, OfficeStatus.All, RouteStatus.All, Severity.All, FlagKind.Vocabulary, Role,
    }.ToDictionary(v => v.Name, StringComparer.Ordinal);
}
