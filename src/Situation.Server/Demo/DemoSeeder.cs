using Situation.Contracts.Grains;
using Situation.Contracts.Model;

namespace Situation.Server.Demo;

/// <summary>Writes a generated demo province through the grains, as any other client would.</summary>
public sealed class DemoSeeder(IGrainFactory grains, TimeProvider clock)
{
    private const int Parallelism = 64;
    private static readonly Actor Demo = new("demo");

    public async Task Load(DemoProvince province, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var flags = grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key);
        await flags.HoldForLoad();
        try
        {
            await Write(province, at, cancellationToken);
        }
        finally
        {
            await flags.LoadDone();
        }
        await grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key).MarkDemoLoaded();
    }

    private async Task Write(DemoProvince province, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await ForEach(province.Districts, d => grains.Get<IDistrictGrain>(EntityType.District, d.Id).Register(d.Value, Demo), cancellationToken);
        // Each site registered already reporting: one version and one write each.
        await ForEach(province.Sites, s => grains.Get<ISiteGrain>(EntityType.Site, s.Id)
            .RegisterWithReport(s.Value, new SiteReport("up", "grid", null, [], at), Demo), cancellationToken);
        await ForEach(province.Checkpoints, c => grains.Get<ICheckpointGrain>(EntityType.Checkpoint, c.Id).Save(c.Value, Demo), cancellationToken);
        await ForEach(province.Offices, async o =>
        {
            var office = grains.Get<IOfficeGrain>(EntityType.Office, o.Id);
            await office.Register(o.Value, Demo);
            await office.Report(new StatusReport("open", at), Demo);
        }, cancellationToken);
        await ForEach(province.Routes, async r =>
        {
            var route = grains.Get<IRouteGrain>(EntityType.Route, r.Id);
            await route.Register(r.Value, Demo);
            await route.Report(new StatusReport("running", at), Demo);
        }, cancellationToken);
    }

    private static Task ForEach<T>(IEnumerable<T> items, Func<T, Task> write, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (item, _) => await write(item));
}
