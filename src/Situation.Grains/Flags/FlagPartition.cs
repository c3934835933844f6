namespace Situation.Grains.Flags;

/// <summary>
/// How the flag engine is split: by district (each flag belongs to the partition of its district,
/// each entity to the partition of the district it is in, a route to its first district's), or not
/// at all (one partition for the province). A cluster splits by district, so that its nodes share
/// the geometry work; one node does not, since there the split only adds work (see the README).
/// </summary>
public sealed record FlagPartition(bool ByDistrict)
{
    /// <summary>The one partition when the engine is not split.</summary>
    public const string Province = "province";

    /// <summary>The partition of what belongs to no district (a route that names none).</summary>
    public const string NoDistrict = "-";

    public string Of(string? districtId) =>
        !ByDistrict ? Province : string.IsNullOrEmpty(districtId) ? NoDistrict : districtId;

    /// <summary>Whether a partition owns what is in this district: raises its flags, derives its state.</summary>
    public Func<string?, bool> Owns(string partition) => districtId => Of(districtId) == partition;
}
