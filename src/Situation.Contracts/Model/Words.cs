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

    /// <summary>What kind of addressee of the directives an organisation is.</summary>
    public static class OrganisationKind
    {
        public const string Police = "police", Military = "military", District = "district", Power = "power", Water = "water", Telecom = "telecom", Postal = "postal";
        public static readonly Vocabulary All = new("OrganisationKind", Police, Military, District, Power, Water, Telecom, Postal);

        /// <summary>The addressee groups a directive may name instead of codes: every organisation of one kind.</summary>
        public static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["districts"] = District, ["telecom"] = Telecom, ["postal"] = Postal,
        };
    }

    /// <summary>What a clause asks of an organisation.</summary>
    public static class ObligationKind
    {
        public const string ContactPoint = "contact_point", CheckpointWifi = "checkpoint_wifi", PriorityPower = "priority_power", PriorityWater = "priority_water",
            DutyRoster = "duty_roster", SafetyPlan = "safety_plan", HealthDeclarations = "health_declarations", FreeMovement = "free_movement",
            ServiceContinuity = "service_continuity", Uniform = "uniform", EmergencyReporting = "emergency_reporting";
        public static readonly Vocabulary All = new("ObligationKind", ContactPoint, CheckpointWifi, PriorityPower, PriorityWater, DutyRoster, SafetyPlan,
            HealthDeclarations, FreeMovement, ServiceContinuity, Uniform, EmergencyReporting);
    }

    /// <summary>How an obligation falls due: once by its deadline, every day, or for as long as the directive is in force.</summary>
    public static class Cadence
    {
        public const string Once = "once", Daily = "daily", Continuous = "continuous";
        public static readonly Vocabulary All = new("Cadence", Once, Daily, Continuous);
    }

    /// <summary>The duties of a roster: the three of clause 3.1c, and a district's checkpoint duty.</summary>
    public static class Duty
    {
        public const string Leadership = "leadership", Operations = "operations", EmergencyResponse = "emergency_response", Checkpoint = "checkpoint";
        public static readonly Vocabulary All = new("Duty", Leadership, Operations, EmergencyResponse, Checkpoint);

        /// <summary>What an enterprise that owes a duty roster must staff around the clock.</summary>
        public static readonly IReadOnlyList<string> AroundTheClock = [Leadership, Operations, EmergencyResponse];
    }

    public static class ObligationStatus
    {
        public const string Pending = "pending", Met = "met", Overdue = "overdue", Waived = "waived";
        public static readonly Vocabulary All = new("ObligationStatus", Pending, Met, Overdue, Waived);
    }

    /// <summary>Where an incident's handling stands (open → acknowledged → crew_dispatched → on_site → resolved, or cancelled).</summary>
    public static class IncidentState
    {
        public const string Open = "open", Acknowledged = "acknowledged", CrewDispatched = "crew_dispatched", OnSite = "on_site",
            Resolved = "resolved", Cancelled = "cancelled";
        public static readonly Vocabulary All = new("IncidentState", Open, Acknowledged, CrewDispatched, OnSite, Resolved, Cancelled);
    }

    /// <summary>Where a pass stands: asked for, granted (it carries a token), refused, or taken back.</summary>
    public static class PassState
    {
        public const string Requested = "requested", Granted = "granted", Refused = "refused", Revoked = "revoked";
        public static readonly Vocabulary All = new("PassState", Requested, Granted, Refused, Revoked);
    }

    public static class CrossingDirection
    {
        public const string In = "in", Out = "out";
        public static readonly Vocabulary All = new("CrossingDirection", In, Out);
    }

    /// <summary>Why a pass shown at a checkpoint is or is not valid there and then.</summary>
    public static class PassCheck
    {
        public const string Valid = "valid", Malformed = "malformed", UnknownKey = "unknown_key", BadSignature = "bad_signature", NotYetValid = "not_yet_valid",
            Expired = "expired", Revoked = "revoked", WrongZone = "wrong_zone", WrongCheckpoint = "wrong_checkpoint";
        public static readonly Vocabulary All = new("PassCheck", Valid, Malformed, UnknownKey, BadSignature, NotYetValid, Expired, Revoked, WrongZone, WrongCheckpoint);
    }

    public static readonly Vocabulary Role = new("Role", Roles.Leader, Roles.District, Roles.Operator, Roles.Utility, Roles.Agency, Roles.Checkpoint, Roles.Admin);

    /// <summary>Every vocabulary by its name, as the API's description lists them (<see cref="WordsAttribute"/> names one).</summary>
    public static readonly IReadOnlyDictionary<string, Vocabulary> Named = new[]
    {
        DistrictLevel.All, ZoneStatus.All, CheckpointStatus.All, Wifi.All, SiteKind.All, Health.All, Health.Effective, Power.All,
        Cause.All, OfficeStatus.All, RouteStatus.All, Severity.All, FlagKind.Vocabulary, Role,
        OrganisationKind.All, ObligationKind.All, Cadence.All, ObligationStatus.All, Duty.All, IncidentState.All, PassState.All, CrossingDirection.All, PassCheck.All,
    }.ToDictionary(v => v.Name, StringComparer.Ordinal);
}
