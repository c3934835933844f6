using Situation.Contracts.Grains;
using Situation.Server.Geography;
using Situation.Server.Hosting;

namespace Situation.Server.Api;

public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IGrainFactory grains, ProvinceGeography geography, ILocalSiloDetails silo, DependencyHealth dependencies) =>
            {
                // Reading the province grain proves that the silo serves calls and its storage answers.
                string? siloError = null;
                try
                {
                    await grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds().WaitAsync(TimeSpan.FromSeconds(5));
                }
                catch (Exception error)
                {
                    siloError = error.GetType().Name;
                }
                // Ready means it can take writes: Redis only carries pushes to other nodes' clients.
                var ready = siloError is null && dependencies.Database.Ok && geography.IsLoaded;
                return Results.Json(new
                {
                    status = ready ? "ok" : "unavailable",
                    node = new { name = silo.Name, address = silo.SiloAddress.ToString(), ok = siloError is null, error = siloError },
                    database = new { ok = dependencies.Database.Ok, error = dependencies.Database.Error },
                    redis = new { configured = dependencies.RedisConfigured, ok = !dependencies.RedisConfigured || dependencies.Redis.Ok, error = dependencies.Redis.Error },
                    districts = geography.DistrictIds.Count,
                }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("Operations")
            .WithName("Health").WithSummary("Liveness and readiness of this node, its database and its Redis");
    }
}
