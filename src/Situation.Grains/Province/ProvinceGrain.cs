using Situation.Contracts.Grains;

namespace Situation.Grains.Province;

/// <summary>
/// The province's register of its districts (a district adds itself when it is first registered) and
/// whether the demo (and its directives) were loaded: what a start-up reads before it reads anything else.
/// </summary>
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

    public async Task MarkDemoLoaded()
    {
        state.State.DemoLoadedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    public Task<DateTimeOffset?> GetDemoDirectivesLoadedAt() => Task.FromResult(state.State.DemoDirectivesLoadedAt);

    public async Task MarkDemoDirectivesLoaded()
    {
        state.State.DemoDirectivesLoadedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
    }
}
