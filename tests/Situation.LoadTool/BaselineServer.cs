using System.Collections.Concurrent;
using System.Text.Json;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;

namespace Situation.LoadTool;

/// <summary>
/// The bare baseline: a minimal ASP.NET Core endpoint with the same route and hub path that does
/// nothing but number each report and forward it (a batch as one message) to every subscribed client — no grains, no
/// storage, no validation. What the platform costs on top of this is its own work.
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public string Url { get; }

    private BaselineServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<BaselineServer> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Both protocols, as the platform: its messages are anonymous objects, which MessagePack writes
        // by their property names without a contract.
        builder.Services.AddSignalR().AddMessagePackProtocol(o =>
            o.SerializerOptions = MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance));
        var app = builder.Build();
        var versions = new ConcurrentDictionary<string, long>();

        app.MapHub<ForwardingHub>("/hubs/situation");
        app.MapPost("/api/reports", async (HttpContext context, IHubContext<ForwardingHub> hub) =>
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            var items = new List<object>();
            var results = new List<object>();
            foreach (var report in body.RootElement.GetProperty("reports").EnumerateArray())
            {
                var id = report.GetProperty("siteId").GetString()!;
                var version = versions.AddOrUpdate(id, 1, (_, v) => v + 1);
                items.Add(new { type = "site", id, version, deleted = false, data = Forwarded(report) });
                results.Add(new { siteId = id, status = 200, outcome = "changed", version });
            }
            await hub.Clients.Group("province").SendAsync("changes", new { items });
            return Results.Json(new { accepted = results.Count, rejected = 0, results });
        });
        app.MapPost("/api/sites/{id}/reports", async (string id, HttpContext context, IHubContext<ForwardingHub> hub) =>
        {
            var report = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement;
            var version = versions.AddOrUpdate(id, 1, (_, v) => v + 1);
            await hub.Clients.Group("province").SendAsync("changes", new { items = new[] { new { type = "site", id, version, deleted = false, data = Forwarded(report) } } });
            context.Response.Headers["X-Situation-Outcome"] = "changed";
            return Results.Json(new { id, version });
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BaselineServer(app, url);
    }

    /// <summary>The report's fields as they came, in a shape either protocol writes.</summary>
    private static Dictionary<string, string?> Forwarded(JsonElement report) =>
        report.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class ForwardingHub : Hub
    {
        public async Task<string[]> Subscribe(string[] scopes)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, "province");
            return scopes;
        }
    }
}
