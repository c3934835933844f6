using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Model;
using Situation.Contracts.Webhooks;
using Situation.Server.Api.Input;
using Situation.Server.Auth;
using Situation.Server.Webhooks;

namespace Situation.Server.Api;

/// <summary>Outbound webhooks (README "Webhooks"): registered and removed by administrators, with each one's delivery log.</summary>
public static class WebhooksApi
{
    public static void MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(AuthSetup.AdminPolicy);
        api.MapGet("/", List).WithName("ListWebhooks").WithSummary("The webhooks registered (administrators), without their secrets");
        api.MapPost("/", Register).Accepts<WebhookRequest>("application/json").WithName("RegisterWebhook")
            .WithSummary("Register a URL (http or https) for the change kinds chosen; the answer holds its signing secret, shown this once");
        api.MapDelete("/{id}", Remove).WithName("RemoveWebhook").WithSummary("Stop delivering to a webhook");
        api.MapGet("/{id}/deliveries", Deliveries).WithName("WebhookDeliveries")
            .WithSummary("The webhook's delivery log, newest first: each try with its answer, how long it took, and whether it delivered or gave up");
    }

    public sealed record RegisteredWebhook(string Id, string Url, string[] Kinds, string Secret, DateTimeOffset CreatedAt);

    private static async Task<Ok<ItemList<WebhookView>>> List(IGrainFactory grains) =>
        TypedResults.Ok(new ItemList<WebhookView>((await grains.GetGrain<IWebhooksGrain>(IWebhooksGrain.Key).List()).Select(h => h.View)));

    private static async Task<Results<Created<RegisteredWebhook>, ProblemHttpResult>> Register(HttpContext context, IGrainFactory grains, WebhookDispatcher dispatcher, Check check, TimeProvider clock)
    {
        var body = await JsonBody.Read<WebhookRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var request = body.Value!;
        var url = check.Text("url", request.Url, maxLength: 2000);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0))
            check.Reject("url", "must be an absolute http or https URL, without a user or a fragment");
        var kinds = request.Events ?? [];
        if (kinds.Length == 0) check.Reject("events", $"name at least one of: {string.Join(", ", IWebhooksGrain.Kinds)}");
        for (var i = 0; i < kinds.Length; i++)
            if (!IWebhooksGrain.Kinds.Contains(kinds[i])) check.Reject($"events[{i}]", $"must be one of: {string.Join(", ", IWebhooksGrain.Kinds)}");
        if (check.Problem is { } invalid) return invalid;
        var hook = new Webhook($"wh-{Guid.NewGuid():N}"[..15], url!, [.. kinds.Distinct()], Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            clock.GetUtcNow(), Caller.Of(context.User)!.Actor.Name, 1);
        await grains.GetGrain<IWebhooksGrain>(IWebhooksGrain.Key).Register(hook, Caller.Of(context.User)!.Actor);
        await dispatcher.Refresh();
        return TypedResults.Created($"/api/webhooks/{hook.Id}", new RegisteredWebhook(hook.Id, hook.Url, hook.Kinds, hook.Secret, hook.CreatedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(string id, HttpContext context, IGrainFactory grains, WebhookDispatcher dispatcher)
    {
        if (!EntityId.IsValid(id) || !await grains.GetGrain<IWebhooksGrain>(IWebhooksGrain.Key).Remove(id, Caller.Of(context.User)!.Actor))
            return Problems.NotFound("webhook", id);
        await dispatcher.Refresh();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ItemList<WebhookAttempt>>, ProblemHttpResult>> Deliveries(string id, int? limit, IGrainFactory grains, Check check)
    {
        var most = check.Range("limit", limit, 1, 200) ?? 100;
        if (check.Problem is { } invalid) return invalid;
        var webhooks = grains.GetGrain<IWebhooksGrain>(IWebhooksGrain.Key);
        if (!EntityId.IsValid(id) || (await webhooks.List()).All(h => h.Id != id))
            return Problems.NotFound("webhook", id);
        return TypedResults.Ok(new ItemList<WebhookAttempt>(await webhooks.Deliveries(id, most)));
    }
}
