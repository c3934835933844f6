namespace Situation.Contracts.Accounts;

/// <summary>The roles a user or key holds (contract words); <see cref="WriteGate"/> says what each may write.</summary>
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
