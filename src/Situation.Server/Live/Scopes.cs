namespace Situation.Server.Live;

/// <summary>The subscription scopes of the hub, which are also its SignalR group names.</summary>
public static class Scopes
{
    public const string Province = "province";

    private const string DistrictPrefix = "district:";

    public static string District(string districtId) => DistrictPrefix + districtId;

    /// <summary>The district a scope names, or null for the province scope; false when it is not a scope.</summary>
    public static bool TryParse(string? scope, out string? districtId)
    {
        districtId = null;
        if (scope == Province)
            return true;
        if (scope is null || !scope.StartsWith(DistrictPrefix, StringComparison.Ordinal))
            return false;
        districtId = scope[DistrictPrefix.Length..];
        return districtId.Length > 0;
    }
}
