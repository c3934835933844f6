using Situation.Contracts.Entities;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Contracts.Accounts;

/// <summary>
/// What a write touches, as far as permission is concerned: the district or organisation it will
/// belong to and, for an existing entity, the one it belongs to now. A caller must own both, so
/// nobody can take an entity out of another's hands or push one into them. <c>WifiStatusOf</c> names
/// the checkpoint when the write changes nothing but its wifi status: its officers' to report.
/// </summary>
public sealed record WriteTarget(
    string EntityType,
    string? DistrictId = null,
    string? Operator = null,
    string? WasDistrictId = null,
    string? WasOperator = null,
    string? FlagKind = null,
    string? WifiStatusOf = null)
{
    /// <summary>Whose the entity is (or was, before the write): what a refusal names.</summary>
    public string? Owner => WasDistrictId ?? DistrictId ?? WasOperator ?? Operator;
}

/// <summary>
/// The one statement of who may write what. A district committee changes only its district's
/// level, zones and checkpoints (and who provides their wifi); an operator (person or API key) only
/// its own sites, offices and routes, their reports, and the wifi of checkpoints it already provides; a leader acknowledges flags, a
/// utility only power-priority ones; an admin may change anything. Entity grains apply it in the
/// turn that makes the change, so an ownership change cannot slip in between check and write.
/// </summary>
public static class WriteGate
{
    public const string FlagType = "flag";

    public static bool Allows(Actor actor, WriteTarget target) => actor.Role switch
    {
        // The platform itself: no caller over HTTP acts without a role.
        null => true,
        Roles.Admin => true,
        Roles.Leader => target.EntityType == FlagType,
        Roles.Utility => target is { EntityType: FlagType, FlagKind: Views.FlagKind.PowerCritical },
        // Clause 1.2: the officers at a checkpoint say whether its free wifi works.
        Roles.Checkpoint => target is { EntityType: EntityType.Checkpoint, WifiStatusOf: { } checkpoint } && OfficerAt(actor, checkpoint, target.DistrictId),
        // A district committee writes its district's entities, an operator its organisation's.
        Roles.District or Roles.Operator when EntityTable.Find(target.EntityType) is { } entity =>
            entity.OwnerRole == actor.Role ? OwnsEntity(actor.Scope, entity.OwnedBy, target) : ProvidesWifi(actor, target),
        _ => false,
    };

    private static bool OwnsEntity(string? scope, OwnedBy ownedBy, WriteTarget target) => ownedBy == OwnedBy.District
        ? Owns(scope, target.DistrictId, target.WasDistrictId)
        : Owns(scope, target.Operator, target.WasOperator);

    /// <summary>
    /// The organisation an actor acts for: a district committee for its district (<c>district-622</c>),
    /// an operator, agency or scoped utility for the organisation its scope names.
    /// </summary>
    public static string? OrganisationOf(Actor actor) => actor switch
    {
        { Role: Roles.District, Scope: { } district } => $"district-{district}",
        { Role: Roles.Operator or Roles.Agency or Roles.Utility, Scope: { } organisation } => organisation,
        _ => null,
    };

    /// <summary>An organisation's own contact point, rosters, evidence and reports: its accounts' to send, and an admin's.</summary>
    public static bool ActsFor(Actor actor, string organisationId) =>
        Administers(actor) || OrganisationOf(actor) == organisationId;

    /// <summary>Directives, organisations and waivers: the DIC's administrators (and the platform itself).</summary>
    public static bool Administers(Actor actor) => actor.Role is null or Roles.Admin;

    /// <summary>An incident for an enterprise: the DIC's (administrators, leaders) or the enterprise's own to open; its steps are the enterprise's.</summary>
    public static bool OpensIncident(Actor actor, string enterpriseId) =>
        actor.Role == Roles.Leader || ActsFor(actor, enterpriseId);

    /// <summary>What a checkpoint officer's scope names for all of a district's checkpoints, those set up later included.</summary>
    public const string EveryCheckpointOf = "district:";

    /// <summary>
    /// A checkpoint officer's scope, entry by entry (separated by commas): a checkpoint's id, or
    /// <c>district:&lt;code&gt;</c> for every checkpoint of that district, now and to come.
    /// </summary>
    private static string[] OfficerScope(Actor actor) =>
        actor is { Role: Roles.Checkpoint, Scope: { } scope } ? scope.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    /// <summary>The checkpoints a checkpoint officer's scope names one by one.</summary>
    public static IReadOnlyList<string> CheckpointsOf(Actor actor) => [.. OfficerScope(actor).Where(e => !e.StartsWith(EveryCheckpointOf, StringComparison.Ordinal))];

    /// <summary>The districts at every checkpoint of which a checkpoint officer works.</summary>
    public static IReadOnlyList<string> DistrictsWatchedBy(Actor actor) =>
        [.. OfficerScope(actor).Where(e => e.StartsWith(EveryCheckpointOf, StringComparison.Ordinal)).Select(e => e[EveryCheckpointOf.Length..])];

    /// <summary>Whether a checkpoint officer works at a checkpoint (of the district given, when known).</summary>
    public static bool OfficerAt(Actor actor, string checkpointId, string? districtId) =>
        OfficerScope(actor).Any(e => e == checkpointId || districtId is not null && e == EveryCheckpointOf + districtId);

    /// <summary>A crossing at a checkpoint of a district: its officers' to record (and an administrator's).</summary>
    public static bool WorksAt(Actor actor, string checkpointId, string districtId) => Administers(actor) || OfficerAt(actor, checkpointId, districtId);

    /// <summary>
    /// Checking a pass at a checkpoint (online, or the kit a device keeps to check offline): its
    /// officers', its district committee's, leaders' and administrators'.
    /// </summary>
    public static bool ChecksPassesAt(Actor actor, string checkpointId, string districtId) =>
        DecidesPasses(actor, districtId) || actor.Role == Roles.Leader || OfficerAt(actor, checkpointId, districtId);

    /// <summary>A pass into a district's zones: its committee's to grant, refuse or revoke (and an administrator's).</summary>
    public static bool DecidesPasses(Actor actor, string districtId) =>
        Administers(actor) || actor is { Role: Roles.District } && actor.Scope == districtId;

    /// <summary>The district assigns who provides a checkpoint's wifi; that provider reports on it, no one else.</summary>
    private static bool ProvidesWifi(Actor actor, WriteTarget target) =>
        target.EntityType == EntityType.Checkpoint && actor.Role == Roles.Operator
        && actor.Scope is not null && target.WasOperator == actor.Scope && target.Operator == actor.Scope;

    /// <summary>The caller's scope is the entity's owner after the write, and before it if it had one.</summary>
    private static bool Owns(string? scope, string? owner, string? previousOwner) =>
        scope is not null && owner == scope && (previousOwner is null || previousOwner == scope);
}
