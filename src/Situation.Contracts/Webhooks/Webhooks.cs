using Orleans.Concurrency;
using Situation.Contracts.Model;

namespace Situation.Contracts.Webhooks;

/// <summary>
/// An outbound webhook an administrator registered: where changes of the chosen kinds are delivered,
/// signed with its secret (shown once, when registered; never listed).
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.webhook")]
public sealed record Webhook(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] string[] Kinds,
    [property: Id(3)] string Secret,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] long Version)
{
    /// <summary>What a list or the audit trail shows of it: everything but the secret.</summary>
    public WebhookView View => new(Id, Url, Kinds, CreatedAt, CreatedBy, Version);
}

public sealed record WebhookView(string Id, string Url, string[] Kinds, DateTimeOffset CreatedAt, string CreatedBy, long Version);

/// <summary>
/// One try to deliver one batch: its answer (a status, or why there was none), how long it took, and
/// whether it was the last (delivered, or given up after the last retry).
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.webhook-attempt")]
public sealed record WebhookAttempt(
    [property: Id(0)] string HookId,
    [property: Id(1)] string DeliveryId,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int? Status,
    [property: Id(5)] string? Error,
    [property: Id(6)] double Milliseconds,
    [property: Id(7)] bool Delivered,
    [property: Id(8)] bool GaveUp,
    [property: Id(9)] int Items);

/// <summary>The webhooks of the province and their delivery log; registering and removing are an administrator's, audited.</summary>
[Alias("situation.webhooks-grain")]
public interface IWebhooksGrain : IGrainWithStringKey
{
    const string Key = "province";

    /// <summary>The change kinds a webhook may choose.</summary>
    static readonly IReadOnlyList<string> Kinds = ["district", "zone", "checkpoint", "site", "office", "route", "flag", "incident", "obligation"];

    [Alias("Register")] Task<Webhook> Register(Webhook hook, Actor actor);

    [Alias("Remove")] Task<bool> Remove(string id, Actor actor);

    [AlwaysInterleave, Alias("List")] Task<Webhook[]> List();

    /// <summary>Attempts made by a node's dispatcher, kept (the newest 200 of each webhook).</summary>
    [OneWay, Alias("Record")] Task Record(Immutable<WebhookAttempt[]> attempts);

    [AlwaysInterleave, Alias("Deliveries")] Task<WebhookAttempt[]> Deliveries(string id, int limit);
}
