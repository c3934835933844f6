namespace Situation.Contracts.Grains;

/// <summary>The province as a whole: which districts exist and whether the demo was loaded.</summary>
[Alias("situation.IProvinceGrain")]
public interface IProvinceGrain : IGrainWithStringKey
{
    public const string Key = "province";

    [Alias("AddDistrict")] Task AddDistrict(string districtId);
    [Alias("GetDistrictIds")] Task<string[]> GetDistrictIds();
    [Alias("GetDemoLoadedAt")] Task<DateTimeOffset?> GetDemoLoadedAt();
    [Alias("MarkDemoLoaded")] Task MarkDemoLoaded();
}
