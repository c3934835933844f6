using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Situation.Contracts.Webhooks;
using Situation.Grains.Live;
using Situation.Server.Api.Json;

namespace Situation.Server.Webhooks;

/// <summary>
/// Delivers what this node's feed sends to the webhooks that chose those kinds (README "Webhooks"):
/// the feed hands each batch over and returns at once; a delivery waits in its webhook's own queue
/// and a worker per webhook posts it, signed, retrying with backoff, following no redirect, and
/// reports every try to the delivery log. A slow or failing receiver holds back only its own
/// deliveries, never a write.
/// </summary>
public sealed class WebhookDispatcher(IGrainFactory grains, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private Dictionary<string, Outbox> _outboxes = [];
    private readonly Channel<WebhookAttempt> _attempts = Channel.CreateUnbounded<WebhookAttempt>(new() { SingleReader = true });
    private CancellationToken _stopping;

    /// <summary>No redirect is followed: a delivery goes only to the URL the administrator registered.</summary>
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = options.Value.Timeout,
    };

    /// <summary>One batch the feed sends: a delivery for each webhook that chose any of its kinds.</summary>
    public void Offer(IReadOnlyCollection<LiveChange> batch)
    {
        Dictionary<string, Outbox> outboxes;
        lock (_gate) outboxes = _outboxes;
        foreach (var outbox in outboxes.Values)
        {
            var items = batch.Where(c => outbox.Hook.Kinds.Contains(c.Type)).ToList();
            if (items.Count > 0)
                outbox.Queue.Writer.TryWrite(new Delivery(Guid.NewGuid().ToString("N")[..16], items));
        }
    }

    /// <summary>Reads the webhooks again now (one was registered or removed on this node).</summary>
    public async Task Refresh()
    {
        var hooks = await grains.GetGrain<IWebhooksGrain>(IWebhooksGrain.Key).List();
        lock (_gate)
        {
            var next = new Dictionary<string, Outbox>();
            foreach (var hook in hooks)
                next[hook.Id] = _outboxes.TryGetValue(hook.Id, out var held) && held.Hook.Version == hook.Version ? held : Start(hook);
            foreach (var (id, gone) in _outboxes)
                if (!next.TryGetValue(id, out var kept) || kept != gone) gone.Queue.Writer.TryComplete();
            _outboxes = next;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var reporting = Report(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Refresh();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Reading the webhooks failed; delivering to those known");
            }
            await Task.Delay(options.Value.RefreshEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await reporting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private Outbox Start(Webhook hook)
    {
        var dropped = 0L;
        var outbox = new Outbox(hook, Channel.CreateBounded<Delivery>(new BoundedChannelOptions(Math.Max(1, options.Value.Backlog))
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest,
        }, delivery =>
        {
            // A receiver that is away while changes pour in would otherwise log an error a batch.
            var count = Interlocked.Increment(ref dropped);
            if (count == 1 || count % 1_000 == 0)
                logger.LogError("Webhook {Hook} is {Backlog} deliveries behind; {Count} dropped so far, the last {Delivery}", hook.Id, options.Value.Backlog, count, delivery.Id);
        }));
        _ = Task.Run(() => Work(outbox));
        return outbox;
    }

    private async Task Work(Outbox outbox)
    {
        await foreach (var delivery in outbox.Queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            var body = JsonSerializer.Serialize(new
            {
                id = delivery.Id,
                webhook = outbox.Hook.Id,
                sentAt = clock.GetUtcNow(),
                items = delivery.Items.Select(c => new { type = c.Type, id = c.Id, version = c.Version, deleted = c.Deleted, data = c.Data }),
            }, ApiJson.Options);
            for (var attempt = 1; attempt <= options.Value.Attempts && !_stopping.IsCancellationRequested; attempt++)
            {
                var (status, error, ms) = await Post(outbox.Hook, delivery.Id, attempt, body);
                var delivered = status is >= 200 and < 300;
                var last = delivered || attempt == options.Value.Attempts;
                _attempts.Writer.TryWrite(new WebhookAttempt(outbox.Hook.Id, delivery.Id, attempt, clock.GetUtcNow(), status, error, ms, delivered, last && !delivered, delivery.Items.Count));
                if (delivered) break;
                if (last)
                {
                    logger.LogWarning("Webhook {Hook} gave up delivery {Delivery} after {Attempts} tries: {Why}", outbox.Hook.Id, delivery.Id, attempt, error ?? $"HTTP {status}");
                    break;
                }
                try
                {
                    await Task.Delay(options.Value.FirstRetry * Math.Pow(2, attempt - 1), _stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<(int? Status, string? Error, double Ms)> Post(Webhook hook, string deliveryId, int attempt, string body)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(hook.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.Add("X-Situation-Delivery", deliveryId);
            request.Headers.Add("X-Situation-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.UserAgent.ParseAdd("Situation-Webhooks/1");
            using var response = await _http.SendAsync(request, _stopping);
            var status = (int)response.StatusCode;
            var error = status is >= 300 and < 400 ? $"redirect to {response.Headers.Location} not followed" : null;
            return (status, error, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            return (null, error is HttpRequestException ? error.Message : "no answer in time", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Hands the tries to the delivery log, those of a second together.</summary>
    private async Task Report(CancellationToken stoppingToken)
    {
        var batch = new List<WebhookAttempt>();
        try
        {
            while (await _attempts.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_attempts.Reader.TryRead(out var attempt)) batch.Add(attempt);
                try
                {
                    await grains.GetGrain<IWebhooksGrain>(IWebhooksGrain.Key).Record(new([.. batch]));
                    batch.Clear();
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "Keeping {Count} webhook tries in the delivery log failed; trying again", batch.Count);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private sealed record Delivery(string Id, IReadOnlyList<LiveChange> Items);

    private sealed record Outbox(Webhook Hook, Channel<Delivery> Queue);
}
