using Situation.Contracts.Accounts;

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
        public static readonly Vocabulary All = new(Normal, Watch, Distancing, Lockdown);
    }

    public static class ZoneStatus
    {
        public const string Active = "active", Lifted = "lifted";
    }

    public static class CheckpointStatus
    {
        public const string Active = "active", Closed = "closed";
        public static readonly Vocabulary All = new(Active, Closed);
    }

    public static class Wifi
    {
        public const string Ok = "ok", Down = "down", None = "none";
        public static readonly Vocabulary All = new(Ok, Down, None);
    }

    public static class SiteKind
    {
        /// <summary>A base station: the only kind that covers an area with its disc.</summary>
        public const string Bts = "bts";
        public const string Exchange = "exchange", Transmission = "transmission", Noc = "noc";
        public static readonly Vocabulary All = new(Bts, Exchange, Transmission, Noc);
    }

    /// <summary>A site's health as reported; its effective health adds "unknown" (stale).</summary>
    public static class Health
    {
        public const string Up = "up", Degraded = "degraded", Down = "down";
        public const string Unknown = "unknown";
        public static readonly Vocabulary All = new(Up, Degraded, Down);
        public static readonly Vocabulary Effective = new(Up, Degraded, Down, Unknown);
    }

    public static class Power
    {
        public const string Grid = "grid", Generator = "generator", Battery = "battery", None = "none";
        public static readonly Vocabulary All = new(Grid, Generator, Battery, None);
    }

    public static class Cause
    {
        public const string Power = "power", Transport = "transport", Damage = "damage", Unknown = "unknown";
        public static readonly Vocabulary All = new(Power, Transport, Damage, Unknown);
    }

    public static class OfficeStatus
    {
        public const string Open = "open", Closed = "closed";
        public static readonly Vocabulary All = new(Open, Closed);
    }

    public static class RouteStatus
    {
        public const string Running = "running", Delayed = "delayed", Suspended = "suspended";
        public static readonly Vocabulary All = new(Running, Delayed, Suspended);
    }

    public static class Severity
    {
        public const string Warning = "warning", Critical = "critical";
    }

    public static readonly Vocabulary Role = new(Roles.Leader, Roles.District, Roles.Operator, Roles.Utility, Roles.Admin);
}
