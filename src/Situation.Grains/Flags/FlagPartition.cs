namespace Situation.Grains.Flags;

/// <summary>
/// The flag engine is split by district: each flag belongs to the partition of its district, and
/// each entity to the partition of the district it is in (a route to its first district's).
/// </summary>
public static class FlagPartition
{
    /// <summary>The partition of what belongs to no district (a route that names none).</summary>
    public const string NoDistrict = "-";

    public static string Of(string? districtId) => string.IsNullOrEmpty(districtId) ? NoDistrict : districtId;
}
