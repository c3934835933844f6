using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Situation.LoadTool;
using Situation.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Situation.Tests.Faults;

/// <summary>
/// One fault under load: clients on every node, the load tool's feed across the nodes, the fault
/// injected once the load is flowing, the load kept up until it flows again after the fault; then
/// the acknowledged log is compared with the final state and with what every client holds.
/// </summary>
public sealed class FaultRun(FaultCluster cluster, ITestOutputHelper output, int reportsPerSecond = 100)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <summary>
    /// What a run found. <see cref="ConvergenceAfterFault"/> runs from the end of the fault (the load
    /// still on) until every client holds every version the server had then;
    /// <see cref="Convergence"/> from the end of the load until every client holds the final state.
    /// </summary>
    /// <see cref="ReloadsInPlace"/> counts the reloads of the whole picture by clients whose node
    /// stayed up: a fault elsewhere should cost them what they missed, not the whole picture.
    public sealed record Outcome(int Acknowledged, int Lost, int FailedRequests, int FailedServerErrors, int Redirected,
        TimeSpan ConvergenceAfterFault, TimeSpan Convergence, int ReloadsInPlace, string Summary);

    /// <summary>The clients, one per node (each can fail over to the others), while a run is on.</summary>
    public IReadOnlyList<LiveMirror> Clients => _mirrors;

    private readonly List<LiveMirror> _mirrors = [];

    public async Task<Outcome> Run(string fault, Func<AckedFeed, Task> inject, int acksBefore = 300, int acksAfter = 300)
    {
        using var http = new HttpClient { BaseAddress = cluster.Addresses[0] };
        http.DefaultRequestHeaders.Authorization = new("Bearer", cluster.Token);
        var sites = (await http.GetFromJsonAsync<JsonElement>("/api/sites")).GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()!).Where(id => id.StartsWith("bts-")).Take(200).ToArray();

        var nodes = cluster.Addresses;
        var mirrors = _mirrors;
        for (var i = 0; i < nodes.Count; i++)
            mirrors.Add(await LiveMirror.ConnectToAny([.. nodes.Skip(i), .. nodes.Take(i)], cluster.Token, "province"));

        var feed = new AckedFeed(nodes, cluster.Token, sites, reportsPerSecond, batchSize: 10);
        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => feed.Run(stop.Token));
        Task<TimeSpan?> afterFault = Task.FromResult<TimeSpan?>(null);
        try
        {
            await Until(() => feed.Acks.Count >= acksBefore, "the load is flowing");
            var faultAt = DateTimeOffset.UtcNow;
            await inject(feed);
            output.WriteLine($"fault from {faultAt:HH:mm:ss.fff} to {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
            var sinceFault = Stopwatch.StartNew();
            var atFaultEnd = await VersionsOnceServed(http);
            afterFault = Task.WhenAll(mirrors.Select(m => m.WaitUntil(c => atFaultEnd.All(e => c.VersionOf(e.Key.Type, e.Key.Id) >= e.Value), Bound,
                "every client holds what the server held when the fault ended"))).ContinueWith(t => t.IsCompletedSuccessfully ? sinceFault.Elapsed : (TimeSpan?)null);
            var after = feed.Acks.Count;
            await Until(() => feed.Acks.Count(a => a.At > faultAt) >= acksAfter && feed.Acks.Count >= after + 50, "the load flows again after the fault");
        }
        finally
        {
            stop.Cancel();
            await load;
        }

        var final = await FinalState(cluster.Addresses[0]);
        var lost = feed.Acks.GroupBy(a => a.SiteId).Select(g => g.MaxBy(a => a.Version)!)
            .Count(ack => !final.TryGetValue(ack.SiteId, out var held) || held.Version < ack.Version || (held.Version == ack.Version && held.Health != ack.Health));

        var clock = Stopwatch.StartNew();
        var server = await VersionsOnceServed(http);
        foreach (var (mirror, index) in mirrors.Select((m, i) => (m, i)))
        {
            try
            {
                await mirror.WaitUntil(m => server.All(e => m.VersionOf(e.Key.Type, e.Key.Id) >= e.Value), Bound, "every client holds the final state");
            }
            catch (TimeoutException)
            {
                var behind = server.Where(e => mirror.VersionOf(e.Key.Type, e.Key.Id) < e.Value).Take(5)
                    .Select(e => $"{e.Key.Type}/{e.Key.Id} v{mirror.VersionOf(e.Key.Type, e.Key.Id)} < v{e.Value}");
                // What the nodes said about the backplane and their clients is what explains a client left behind.
                foreach (var (node, n) in cluster.Nodes.Select((node, n) => (node, n)).Where(x => x.node is not null))
                    foreach (var line in node!.Log.Split('\n').Where(IsAboutTheBackplane).Take(40))
                        output.WriteLine($"node {n}: {(line.Length > 400 ? line[..400] : line)}");
                await DescribeStreams(mirror, http);
                KeepLogs(fault);
                var first = server.First(e => mirror.VersionOf(e.Key.Type, e.Key.Id) < e.Value).Key;
                output.WriteLine($"client {index}: {mirror.Messages} messages, {mirror.Reloads} reloads ({string.Join("; ", mirror.ReloadReasons)}), {mirror.CatchUps} catch-ups; " +
                                 $"versions of {first.Type}/{first.Id} received: {string.Join(",", mirror.Received.Where(r => r.Type == first.Type && r.Id == first.Id).Select(r => r.Version))}; " +
                                 $"positions {mirror.DescribePositions()}");
                foreach (var other in mirrors.Where(m => m != mirror))
                    output.WriteLine($"another client: {other.Messages} messages, {other.FailOvers} fail-overs, positions {other.DescribePositions()}");
                throw new TimeoutException($"client {index} ({mirror.FailOvers} fail-overs, now on {mirror.Server}) is behind: {string.Join(", ", behind)}");
            }
        }
        var convergence = clock.Elapsed;
        var convergenceAfterFault = await afterFault ?? throw new TimeoutException("the clients did not hold what the server held when the fault ended");
        foreach (var mirror in mirrors)
            await mirror.DisposeAsync();

        var failures = feed.Failures.ToList();
        var reloadsInPlace = mirrors.Where(m => m.FailOvers == 0).Sum(m => m.Reloads);
        var outcome = new Outcome(feed.Acks.Count, lost, failures.Count, failures.Count(f => f.Status >= 500 && f.Status != 503), feed.Redirected,
            convergenceAfterFault, convergence, reloadsInPlace,
            $"{fault}: load {reportsPerSecond} reports/s over {nodes.Count} nodes; {feed.Acks.Count} reports acknowledged, {lost} lost; " +
            $"{failures.Count} failed requests ({string.Join(", ", failures.GroupBy(f => f.Status).Select(g => $"{g.Key}×{g.Count()}"))}), " +
            $"{feed.Redirected} batches redirected from a closed node; every client held the server's state of the fault's end {convergenceAfterFault.TotalMilliseconds:F0} ms after it, " +
            $"and the final state {convergence.TotalMilliseconds:F0} ms after the load stopped " +
            $"({mirrors.Sum(m => m.FailOvers)} client fail-overs; clients that stayed on their node: {reloadsInPlace} reloads, " +
            $"{mirrors.Where(m => m.FailOvers == 0).Sum(m => m.CatchUps)} catch-ups)");
        output.WriteLine(outcome.Summary);
        var ackTimes = feed.Acks.Select(a => a.At).Order().ToList();
        var stall = ackTimes.Zip(ackTimes.Skip(1), (a, b) => (From: a, Gap: b - a)).MaxBy(g => g.Gap);
        output.WriteLine($"longest time without an acknowledgement: {stall.Gap.TotalMilliseconds:F0} ms from {stall.From:HH:mm:ss.fff}");
        foreach (var failure in failures.Take(10))
            output.WriteLine($"failed at {failure.At:HH:mm:ss.fff} on {failure.Node}: {failure.Status} {failure.Detail}");
        // What recovering by a reload would have moved, for comparison with what was sent again.
        output.WriteLine($"a full reload moves {(await http.GetByteArrayAsync("/api/situation")).Length} bytes (GET /api/situation)");
        foreach (var reason in mirrors.Where(m => m.FailOvers == 0).SelectMany(m => m.ReloadReasons))
            output.WriteLine($"a client reloaded: {reason}");
        KeepLogs(fault);
        // How a node's death was mended: what a surviving node sent again in its place.
        foreach (var (node, n) in cluster.Nodes.Select((node, n) => (node, n)).Where(x => x.node is not null))
            foreach (var line in node!.Log.Split('\n').Where(l => l.Contains("Republished") || l.Contains("clients reload")).Take(5))
                output.WriteLine($"node {n}: {(line.Length > 400 ? line[..400] : line)}");
        if (outcome.FailedServerErrors > 0)
            foreach (var node in cluster.Nodes.Where(n => n is not null))
                foreach (var line in node!.Log.Split('\n').Where(l => l.Contains("\"level\":\"Error\""))
                             .OrderByDescending(l => l.Contains("ExceptionHandler")).Take(3))
                    output.WriteLine(line.Length > 3000 ? line[..3000] : line);
        return outcome;
    }

    /// <summary>
    /// The server's versions (or any read) as soon as it serves them: right after a node's death, and
    /// under 1,000 reports/s for a while after, a read that needs one of its grains is answered 503
    /// with Retry-After while the grain moves, and a client waits as told and asks again — within the
    /// run's bound.
    /// </summary>
    private static async Task<Dictionary<(string Type, string Id), long>> VersionsOnceServed(HttpClient http) =>
        LiveMirror.VersionsIn(await OnceServed(http, "/api/situation"));

    private static async Task<JsonElement> OnceServed(HttpClient http, string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || deadline.Elapsed > Bound)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private static readonly string[] BackplaneWords = ["redis", "reconnect", "rejoin", "hole", "missed messages", "publishers", "reload", "closed live connection"];

    private static bool IsAboutTheBackplane(string line) => BackplaneWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// For a client left behind: where each node says every stream the client follows stands, beside
    /// where the client stands — whether the client's node lacks messages itself, or has them and the
    /// client missed them.
    /// </summary>
    private async Task DescribeStreams(LiveMirror mirror, HttpClient http)
    {
        foreach (var ((publisher, scope), held) in mirror.Positions)
            foreach (var node in cluster.Addresses)
            {
                using var answer = await http.GetAsync(new Uri(node, $"/api/changes?scope={Uri.EscapeDataString(scope)}&publisher={publisher}&since={held}"));
                var last = answer.IsSuccessStatusCode ? (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("last").GetInt64().ToString() : ((int)answer.StatusCode).ToString();
                output.WriteLine($"stream {publisher}/{scope}: the client holds {held}; {node} says {last}{(node == mirror.Server ? " (the client's node)" : "")}");
            }
    }

    /// <summary>Every node's log of the run, in the artifacts folder: what explains a failure that a summary does not.</summary>
    private void KeepLogs(string fault)
    {
        var folder = Path.Combine(Paths.Artifacts, "faults");
        Directory.CreateDirectory(folder);
        var name = new string($"{fault} at {reportsPerSecond}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        foreach (var (node, n) in cluster.Nodes.Select((node, n) => (node, n)).Where(x => x.node is not null))
            File.WriteAllText(Path.Combine(folder, $"{name}-node{n}.log"), node!.Log);
        foreach (var (n, log) in cluster.DepartedLogs)
            File.WriteAllText(Path.Combine(folder, $"{name}-node{n}.log"), log);
    }

    /// <summary>Every site's version and reported health as a node serves them now.</summary>
    private async Task<Dictionary<string, (long Version, string Health)>> FinalState(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new("Bearer", cluster.Token);
        var sites = await OnceServed(http, "/api/sites");
        return sites.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("id").GetString()!,
            f => (f.GetProperty("properties").GetProperty("version").GetInt64(), f.GetProperty("properties").GetProperty("health").GetString()!));
    }

    /// <summary>Waits for an observable condition of the run, checking every 50 ms, up to the bound.</summary>
    public static Task Until(Func<bool> condition, string what) => Until(condition, () => what);

    public static async Task Until(Func<bool> condition, Func<string> what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Bound) throw new TimeoutException($"Not within {Bound}: {what()}");
            await Task.Delay(50);
        }
    }
}
