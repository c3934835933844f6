namespace Situation.Contracts.Grains;

/// <summary>The province as a whole: which districts exist and whether the demo (and its directives) were loaded.</summary>
[Alias("situation.IProvinceGrain")]
public interface IProvinceGrain : IGrainWithStringKey
{
    public const string Key = "province";

    [Alias("AddDistrict")] Task AddDistrict(string districtId);
    [Alias("GetDistrictIds")] Task<string[]> GetDistrictIds();
    [Alias("GetDemoLoadedAt")] Task<DateTimeOffset?> GetDemoLoadedAt();
    [Alias("MarkDemoLoaded")] Task MarkDemoLoaded();
    /// <summary>When the demo's organisations and letter 126 were loaded (a data folder older than the directives has the demo without them).</summary>
    [Alias("GetDemoDirectivesLoadedAt")] Task<DateTimeOffset?> GetDemoDirectivesLoadedAt();
    [Alias("MarkDemoDirectivesLoaded")] Task MarkDemoDirectivesLoaded();
}
