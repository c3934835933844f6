namespace Situation.Contracts.Accounts;

/// <summary>The roles of SPEC §1 (contract words).</summary>
public static class Roles
{
    public const string Leader = "leader";
    public const string District = "district";
    public const string Operator = "operator";
    public const string Utility = "utility";
    public const string Admin = "admin";

    /// <summary>Roles whose scope names what they may change: a district code or an organisation id.</summary>
    public static bool IsScoped(string role) => role is District or Operator;
}
