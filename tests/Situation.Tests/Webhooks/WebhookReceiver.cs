using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Webhooks;

/// <summary>
/// A receiver of webhooks on a loopback address, as an operations tool would run one: what it was
/// sent (body and headers) per path, and what it answers, which a test scripts per path.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Received(string Body, string? Signature, int Attempt, string? Delivery);

    public ConcurrentDictionary<string, ConcurrentQueue<Received>> Calls { get; } = new();

    /// <summary>What a path answers to its n-th call (1-based): a status, after whatever the handler awaits.</summary>
    public ConcurrentDictionary<string, Func<int, HttpResponse, Task<int>>> Answers { get; } = new();

    public Uri Base { get; }

    private WebhookReceiver(string host)
    {
        Base = new Uri($"http://{host}:{FreePorts.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Base.ToString());
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{path}", async (string path, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var calls = Calls.GetOrAdd(path, _ => new());
            calls.Enqueue(new Received(body, context.Request.Headers["X-Situation-Signature"], int.Parse(context.Request.Headers["X-Situation-Attempt"].ToString() is { Length: > 0 } a ? a : "0"),
                context.Request.Headers["X-Situation-Delivery"]));
            var status = Answers.TryGetValue(path, out var answer) ? await answer(calls.Count, context.Response) : 200;
            context.Response.StatusCode = status;
        });
    }

    public static async Task<WebhookReceiver> Start(string host = "127.0.0.1")
    {
        var receiver = new WebhookReceiver(host);
        await receiver._app.StartAsync();
        return receiver;
    }

    public int Count(string path) => Calls.TryGetValue(path, out var calls) ? calls.Count : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
