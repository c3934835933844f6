namespace Situation.Grains.Province;

[GenerateSerializer, Alias("situation.province-state")]
public sealed class ProvinceState
{
    [Id(0)] public List<string> DistrictIds { get; set; } = [];
    [Id(1)] public DateTimeOffset? DemoLoadedAt { get; set; }
    [Id(2)] public DateTimeOffset? DemoDirectivesLoadedAt { get; set; }
}
