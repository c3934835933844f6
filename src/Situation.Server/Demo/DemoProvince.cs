using Situation.Contracts.Grains;

namespace Situation.Server.Demo;

/// <summary>Everything the demo loads, generated before any grain is touched so it can be tested as data.</summary>
public sealed record DemoProvince(
    bool Schematic,
    IReadOnlyList<DemoProvince.Entry<DistrictRegistration>> Districts,
    IReadOnlyList<DemoProvince.Entry<SiteRegistration>> Sites,
    IReadOnlyList<DemoProvince.Entry<CheckpointDefinition>> Checkpoints,
    IReadOnlyList<DemoProvince.Entry<OfficeRegistration>> Offices,
    IReadOnlyList<DemoProvince.Entry<RouteRegistration>> Routes)
{
    public sealed record Entry<T>(string Id, T Value);

    public string Describe() =>
        $"{(Schematic ? "schematic" : "surveyed")} geography: {Districts.Count} districts, {Sites.Count} sites, "
        + $"{Checkpoints.Count} checkpoints, {Offices.Count} post offices, {Routes.Count} postal routes";
}
