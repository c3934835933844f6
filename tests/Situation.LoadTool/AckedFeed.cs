using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Situation.LoadTool;

/// <summary>
/// A steady operator feed across the nodes of a cluster, keeping the log of every report the
/// platform acknowledged (site, version, health) and of every request that failed — what a fault
/// test compares with the final state. Batches go to the nodes in turn; a batch whose connection
/// could not be made (a node that is down or leaving) goes to the next node, as a load balancer
/// would send it, and only a request that got an error answer or no answer counts as failed.
/// </summary>
public sealed class AckedFeed(IReadOnlyList<Uri> nodes, string token, IReadOnlyList<string> sites, int reportsPerSecond, int batchSize = 20)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public sealed record Ack(string SiteId, long Version, string Health, DateTimeOffset At);

    /// <summary>A request or report that failed; <paramref name="Detail"/> is what the server or the connection said.</summary>
    public sealed record Failure(DateTimeOffset At, int Status, string Node, string Detail = "");

    private readonly HttpClient[] _clients = nodes.Select(node =>
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }).ToArray();

    private readonly ConcurrentQueue<Ack> _acks = new();
    private readonly ConcurrentQueue<Failure> _failures = new();
    private readonly int[] _reports = new int[sites.Count];
    private readonly HashSet<int> _excluded = [];
    private int _cursor = -1;
    private int _next = -1;
    private int _redirected;

    public IReadOnlyCollection<Ack> Acks => _acks;

    public IReadOnlyCollection<Failure> Failures => _failures;

    /// <summary>Batches that found their node closed and went to another.</summary>
    public int Redirected => _redirected;

    public int ReportsPerSecond => reportsPerSecond;

    /// <summary>Stops sending to a node, as a load balancer would once told it is leaving.</summary>
    public void Exclude(int node)
    {
        lock (_excluded) _excluded.Add(node);
    }

    public async Task Run(CancellationToken stop)
    {
        var perTick = reportsPerSecond * Tick.TotalSeconds;
        var owed = 0.0;
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                owed += perTick;
                var count = (int)owed;
                owed -= count;
                for (var sent = 0; sent < count; sent += batchSize)
                    inFlight.Add(Send(Math.Min(batchSize, count - sent)));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(inFlight);
    }

    private int NextNode()
    {
        for (var i = 0; i < _clients.Length; i++)
        {
            var node = (int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Length);
            lock (_excluded)
                if (!_excluded.Contains(node)) return node;
        }
        return 0;
    }

    private async Task Send(int size)
    {
        var items = new List<string>(size);
        var healths = new string[size];
        for (var i = 0; i < size; i++)
        {
            var site = (int)((uint)Interlocked.Increment(ref _cursor) % (uint)sites.Count);
            var health = Interlocked.Increment(ref _reports[site]) % 2 == 1 ? "degraded" : "up";
            healths[i] = health;
            items.Add($$"""{"siteId":"{{sites[site]}}","health":"{{health}}","power":"grid"}""");
        }
        var body = "{\"reports\":[" + string.Join(",", items) + "]}";
        var node = NextNode();
        for (var attempt = 0; attempt < _clients.Length; attempt++, node = NextNode())
        {
            HttpResponseMessage response;
            try
            {
                response = await _clients[node].PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, "application/json"));
            }
            catch (HttpRequestException error) when (error.HttpRequestError == HttpRequestError.ConnectionError)
            {
                // Never reached a server: nothing can have been applied, so another node may take it.
                Interlocked.Increment(ref _redirected);
                continue;
            }
            catch (Exception error)
            {
                _failures.Enqueue(new Failure(DateTimeOffset.UtcNow, 0, nodes[node].ToString(), $"{error.GetType().Name}: {error.Message}"));
                return;
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var problem = await response.Content.ReadAsStringAsync();
                    _failures.Enqueue(new Failure(DateTimeOffset.UtcNow, (int)response.StatusCode, nodes[node].ToString(), problem.Length > 300 ? problem[..300] : problem));
                    return;
                }
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                var at = DateTimeOffset.UtcNow;
                var index = 0;
                // Results come in the order of the reports.
                foreach (var result in answer.GetProperty("results").EnumerateArray())
                {
                    var siteId = result.GetProperty("siteId").GetString()!;
                    var health = healths[index++];
                    if (result.GetProperty("status").GetInt32() == 200 && result.GetProperty("version").ValueKind == JsonValueKind.Number)
                        _acks.Enqueue(new Ack(siteId, result.GetProperty("version").GetInt64(), health, at));
                    else
                        _failures.Enqueue(new Failure(at, result.GetProperty("status").GetInt32(), nodes[node].ToString(), result.ToString()));
                }
                return;
            }
        }
        _failures.Enqueue(new Failure(DateTimeOffset.UtcNow, 0, "no node reachable"));
    }
}
