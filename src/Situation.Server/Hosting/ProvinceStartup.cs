using Microsoft.Extensions.Options;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Server.Directives;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Auth;
using Situation.Server.Demo;
using Situation.Server.Geography;

namespace Situation.Server.Hosting;

/// <summary>
/// Runs once the silo is up and before the web server accepts requests: loads the demo province on
/// the first start, builds the in-memory geography from the district grains, and creates the
/// starting accounts.
/// </summary>
public sealed class ProvinceStartup(
    IGrainFactory grains,
    ProvinceGeography geography,
    DemoSeeder seeder,
    AccountSeeder accounts,
    DirectivesSeeder directives,
    IOptions<SituationOptions> options,
    IHostEnvironment environment,
    ILogger<ProvinceStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var province = grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key);
        if (settings.Demo.Enabled && await province.GetDemoLoadedAt() is null)
        {
            var geoDir = settings.ResolveGeoDir(environment.ContentRootPath);
            var demo = new DemoGenerator(GeoPack.TryLoad(geoDir), settings.Demo.Seed, settings.Demo.BtsCount).Generate();
            logger.LogInformation("Loading the demo province from {GeoDir}: {Description}", geoDir ?? "(schematic)", demo.Describe());
            await seeder.Load(demo, cancellationToken);
        }
        await ReloadGeography();
        if (settings.Demo.Enabled)
            await directives.SeedOnce();
        await accounts.Seed();
        _ = WarmIndexes();
    }

    /// <summary>
    /// Activates every index and the flags in the background, so that the first person to open the
    /// map after a restart does not wait for them to read their views from the storage.
    /// </summary>
    private async Task WarmIndexes()
    {
        try
        {
            var keys = geography.DistrictIds.Select(IndexKey.ForDistrict).Append(IndexKey.ProvinceWide);
            await Task.WhenAll(keys.Select(k => grains.GetGrain<IIndexGrain>(k).Read(EntityType.District)));
            // The flags grain keeps itself alive once active; it must be active for silence to become staleness.
            await grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).Counters();
            // The same for the directives: deadlines pass while nobody is looking.
            await grains.GetGrain<IComplianceGrain>(IComplianceGrain.Key).Now();
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Warming the read-side indexes failed; they will rebuild on first use");
        }
    }

    public async Task ReloadGeography()
    {
        var ids = await grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds();
        var views = await Task.WhenAll(ids.Select(id => grains.Get<IDistrictGrain>(EntityType.District, id).GetView()));
        geography.Load(views.OfType<DistrictView>());
        logger.LogInformation("Province geography has {Count} districts", geography.DistrictIds.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
