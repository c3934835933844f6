using Situation.Contracts.Grains;
using Situation.Server.Geography;

namespace Situation.Server.Api;

public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IGrainFactory grains, ProvinceGeography geography, ILocalSiloDetails silo) =>
            {
                // Reading the province grain proves that the silo serves calls and its storage answers.
                string? storageError = null;
                try
                {
                    await grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key).GetDistrictIds().WaitAsync(TimeSpan.FromSeconds(5));
                }
                catch (Exception error)
                {
                    storageError = error.GetType().Name;
                }
                var ready = storageError is null && geography.IsLoaded;
                return Results.Json(new
                {
                    status = ready ? "ok" : "unavailable",
                    node = silo.Name,
                    database = new { ok = storageError is null, error = storageError },
                    districts = geography.DistrictIds.Count,
                }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("Operations")
            .WithName("Health").WithSummary("Liveness and readiness of this node and its database");
    }
}
