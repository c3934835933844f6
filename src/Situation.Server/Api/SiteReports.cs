using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Telemetry;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Geography;
using Situation.Server.Hosting;

namespace Situation.Server.Api;

/// <summary>Applies site reports, one from a person or a batch from an operator feed, by the same rules.</summary>
public sealed class SiteReports(IGrainFactory grains, ProvinceGeography geography, TimeProvider clock, IOptions<SituationOptions> options)
{
    /// <summary>How many sites of one batch are written at the same time.</summary>
    private const int BatchParallelism = 64;

    /// <summary>Either a problem or the grain's result, and the same as one item of a batch.</summary>
    public sealed record Outcome(ProblemHttpResult? Problem, WriteResult<SiteView>? Written, ItemResult Item);

    /// <summary>The result of one item of a batch.</summary>
    public sealed record ItemResult(string? SiteId, int Status, string? Outcome, long? Version, IReadOnlyDictionary<string, string[]>? Errors);

    public async Task<Outcome> Apply(HttpContext context, SiteReportRequest request)
    {
        var check = new Check(geography, clock);
        var siteId = request.SiteId;
        var report = new SiteReport(
            check.Word("health", request.Health, Words.Health.All)!,
            check.Word("power", request.Power, Words.Power.All)!,
            check.Range("batteryMinutes", request.BatteryMinutes, 0, 7 * 24 * 60),
            check.Words("causes", request.Causes, Words.Cause.All),
            check.NotInFuture("at", request.At));
        if (check.Problem is { } invalid)
            return new(invalid, null, new(siteId, StatusCodes.Status400BadRequest, "invalid", null, check.Errors));
        if (!EntityId.IsValid(siteId))
            return NotFound(siteId);

        // One grain call: the grain refuses what the caller may not change, in the turn that would write.
        var result = await grains.Get<ISiteGrain>(EntityType.Site, siteId!).Report(report, Refusals.ActorOf(context));
        return result.Outcome switch
        {
            WriteOutcome.NotFound => NotFound(siteId),
            WriteOutcome.Forbidden => new(Refusals.Forbidden(context, EntityType.Site, result.Owner), null,
                new(siteId, StatusCodes.Status403Forbidden, "refused", null, null)),
            _ => new(null, result, new(siteId, StatusCodes.Status200OK, result.Outcome.ToString().ToLowerInvariant(), result.View?.Version, null)),
        };
    }

    public async Task<IResult> ApplyBatch(HttpContext context)
    {
        var body = await JsonBody.Read<ReportBatchRequest>(context);
        if (body.Problem is not null) return body.Problem;
        if (body.Value!.Reports is not { ValueKind: JsonValueKind.Array } reports)
            return Problems.Invalid("reports", "must be an array of site reports");
        var limit = options.Value.MaxBatchReports;
        if (reports.GetArrayLength() > limit)
            return Problems.Invalid("reports", $"at most {limit} reports per batch");

        var items = reports.EnumerateArray().Select(Parse).ToArray();
        var results = new ItemResult[items.Length];
        // Reports of one site keep their order; different sites are written in parallel.
        var bySite = Enumerable.Range(0, items.Length).GroupBy(i => items[i].Request?.SiteId ?? $"#{i}");
        await Parallel.ForEachAsync(bySite, new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism }, async (group, _) =>
        {
            foreach (var i in group)
                results[i] = items[i].Request is { } request ? (await Apply(context, request)).Item : items[i].Failure!;
        });
        foreach (var result in results)
            SituationMetrics.Write(EntityType.Site, result.Status);
        return Results.Json(new
        {
            accepted = results.Count(r => r.Status == StatusCodes.Status200OK),
            rejected = results.Count(r => r.Status != StatusCodes.Status200OK),
            results,
        }, ApiJson.Options);
    }

    private static Outcome NotFound(string? siteId) =>
        new(Problems.NotFound(EntityType.Site, siteId ?? ""), null, new(siteId, StatusCodes.Status404NotFound, "not_found", null, null));

    private static (SiteReportRequest? Request, ItemResult? Failure) Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return (null, new(null, StatusCodes.Status400BadRequest, "invalid", null, new Dictionary<string, string[]> { ["body"] = ["must be a JSON object"] }));
        try
        {
            var request = item.Deserialize<SiteReportRequest>(ApiJson.RequestOptions)!;
            if (request.SiteId is null)
                return (null, new(null, StatusCodes.Status400BadRequest, "invalid", null, new Dictionary<string, string[]> { ["siteId"] = ["is required"] }));
            return (request, null);
        }
        catch (JsonException error)
        {
            var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
            return (null, new(null, StatusCodes.Status400BadRequest, "invalid", null, new Dictionary<string, string[]> { [field] = ["has the wrong type or an out-of-range value"] }));
        }
    }
}
