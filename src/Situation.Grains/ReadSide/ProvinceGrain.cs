using Situation.Contracts.Grains;

namespace Situation.Grains.ReadSide;

public sealed class ProvinceGrain(
    [PersistentState("province", "Default")] IPersistentState<ProvinceState> state,
    TimeProvider clock) : Grain, IProvinceGrain
{
    public async Task AddDistrict(string districtId)
    {
        if (state.State.DistrictIds.Contains(districtId))
            return;
        state.State.DistrictIds.Add(districtId);
        state.State.DistrictIds.Sort(StringComparer.Ordinal);
        await state.WriteStateAsync();
    }

    public Task<string[]> GetDistrictIds() => Task.FromResult(state.State.DistrictIds.ToArray());

    public Task<DateTimeOffset?> GetDemoLoadedAt() => Task.FromResult(state.State.DemoLoadedAt);

    public async Task MarkDemoLoaded(string description)
    {
        state.State.DemoLoadedAt = clock.GetUtcNow();
        state.State.DemoDescription = description;
        await state.WriteStateAsync();
    }
}
