namespace Situation.Contracts.Accounts;

/// <summary>The roles a user or key holds (contract words); <see cref="WriteGate"/> says what each may write.</summary>
public static class Roles
{
    public const string Leader = "leader";
    public const string District = "district";
    public const string Operator = "operator";
    public const string Utility = "utility";
    /// <summary>An addressee of the directives that owns no map entity (the police, the military): acts for its organisation's contact point and obligations.</summary>
    public const string Agency = "agency";
    /// <summary>A checkpoint's officer: verifies passes and records crossings at the checkpoints its scope names (ids separated by commas).</summary>
    public const string Checkpoint = "checkpoint";
    public const string Admin = "admin";

    /// <summary>Roles whose scope names what they may change: a district code, an organisation id (an agency's: <c>police</c>, <c>military</c>), or checkpoints' ids.</summary>
    public static bool IsScoped(string role) => role is District or Operator or Agency or Checkpoint;

    /// <summary>Roles that may be scoped to an organisation without having to be: a utility account names its company, or acts for every utility.</summary>
    public static bool MayBeScoped(string role) => role is Utility;
}
