using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Situation.LoadTool;

/// <summary>
/// N operator feeds post batches of site reports (or, with --single, many senders post one report
/// each), every one a real change (health flips every time), while M clients listen. Latency is
/// taken per change and per client on this tool's own clock, from the moment the report was sent to
/// the moment the client received that version; what the server refused is counted by status.
/// </summary>
public static class LoadRun
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(15);

    public static async Task<LoadResult> Execute(Uri target, LoadOptions options)
    {
        // Reads come compressed, as a browser takes them; writes are answered plain either way.
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            BaseAddress = target, Timeout = TimeSpan.FromSeconds(60),
        };
        string? token = null;
        if (!options.Baseline)
        {
            if (options.Password is null)
                throw new ArgumentException("Give --password (or SITUATION_PASSWORD) for the platform's account");
            using var login = await http.PostAsJsonAsync("/api/auth/login", new { username = options.User, password = options.Password });
            login.EnsureSuccessStatusCode();
            token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        var sites = options.Baseline
            ? Enumerable.Range(1, 1500).Select(i => $"bts-{i:00000}").ToArray()
            : (await http.GetFromJsonAsync<JsonElement>("/api/sites")).GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("id").GetString()!).Where(id => id.StartsWith("bts-")).ToArray();
        var clock = Stopwatch.StartNew();

        var receivers = new List<Receiver>();
        foreach (var batch in Enumerable.Range(0, options.Clients).Chunk(20))
            receivers.AddRange(await Task.WhenAll(batch.Select(_ => Receiver.Connect(target, clock, token, options.Json))));
        var stalled = await Task.WhenAll(Enumerable.Range(0, options.Stalled).Select(_ => StalledClient.Connect(target, token)));

        // The probes report on sites of their own, which the feeds leave alone.
        var probeSites = options.Probes > 0 ? sites[^Math.Min(50, sites.Length / 10)..] : [];
        sites = sites[..(sites.Length - probeSites.Length)];
        var prober = options.Probes > 0 ? await Receiver.Connect(target, clock, token, options.Json) : null;
        var probes = new FlagProbes(http, clock, probeSites, options.Probes, TimeSpan.FromSeconds(options.Seconds));

        var accepted = new ConcurrentDictionary<(string Id, long Version), long>();
        var reportsPerSite = new int[sites.Length];
        var cursor = -1;
        var refused = new ConcurrentDictionary<string, int>();
        var requestMs = new ConcurrentBag<double>();
        var offered = 0;
        var acceptedReports = 0;
        var start = clock.Elapsed;
        var deadline = start + TimeSpan.FromSeconds(options.Seconds);

        (string Site, string Body) NextReport()
        {
            var site = (int)((uint)Interlocked.Increment(ref cursor) % (uint)sites.Length);
            var health = Interlocked.Increment(ref reportsPerSite[site]) % 2 == 1 ? "down" : "up";
            return (sites[site], $$"""{"health":"{{health}}","power":"grid"}""");
        }

        void Accept(string siteId, string? outcome, long version, long sentAt)
        {
            Interlocked.Increment(ref acceptedReports);
            // Only a change is pushed: a report that found the site already in that state is a heartbeat.
            if (outcome == "changed")
                accepted.TryAdd((siteId, version), sentAt);
        }

        async Task Send(Func<Task<HttpResponseMessage>> post, Func<HttpResponseMessage, long, Task> read, int reports)
        {
            Interlocked.Add(ref offered, reports);
            // Stamped before the request leaves: every latency runs from the sender's own clock.
            var sentAt = clock.ElapsedTicks;
            try
            {
                using var response = await post();
                requestMs.Add((clock.ElapsedTicks - sentAt) * 1000.0 / Stopwatch.Frequency);
                if (!response.IsSuccessStatusCode)
                {
                    refused.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                    return;
                }
                await read(response, sentAt);
            }
            catch (HttpRequestException)
            {
                refused.AddOrUpdate("connection", 1, (_, n) => n + 1);
            }
        }

        Task SendBatch(int size)
        {
            var items = new List<string>(size);
            for (var i = 0; i < size; i++)
            {
                var (site, body) = NextReport();
                items.Add($$"""{"siteId":"{{site}}",{{body[1..]}}""");
            }
            return Send(() => http.PostAsync("/api/reports", new StringContent("{\"reports\":[" + string.Join(",", items) + "]}", Encoding.UTF8, "application/json")),
                async (response, sentAt) =>
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                    foreach (var result in answer.GetProperty("results").EnumerateArray())
                        if (result.GetProperty("status").GetInt32() == 200)
                            Accept(result.GetProperty("siteId").GetString()!, result.GetProperty("outcome").GetString(), result.GetProperty("version").GetInt64(), sentAt);
                        else
                            refused.AddOrUpdate($"item {result.GetProperty("status").GetInt32()}", 1, (_, n) => n + 1);
                }, size);
        }

        Task SendSingle()
        {
            var (site, body) = NextReport();
            return Send(() => http.PostAsync($"/api/sites/{site}/reports", new StringContent(body, Encoding.UTF8, "application/json")),
                async (response, sentAt) =>
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                    var outcome = response.Headers.TryGetValues("X-Situation-Outcome", out var values) ? values.First() : null;
                    var version = answer.TryGetProperty("properties", out var properties) ? properties.GetProperty("version") : answer.GetProperty("version");
                    Accept(site, outcome, version.GetInt64(), sentAt);
                }, 1);
        }

        Task SendOne(int reports) => options.Single ? SendSingle() : SendBatch(reports);

        async Task Sender()
        {
            if (options.MaxRate)
            {
                while (clock.Elapsed < deadline)
                    await SendOne(options.BatchSize);
                return;
            }
            // Open loop: every tick this sender owes its share of the rate, whatever the server's pace.
            var perTick = options.Rate / (double)options.Senders * Tick.TotalSeconds;
            var owed = 0.0;
            using var timer = new PeriodicTimer(Tick);
            var inFlight = new List<Task>();
            while (clock.Elapsed < deadline && await timer.WaitForNextTickAsync())
            {
                owed += perTick;
                var count = (int)owed;
                owed -= count;
                for (var sent = 0; sent < count; sent += options.ReportsPerRequest)
                    inFlight.Add(SendOne(Math.Min(options.ReportsPerRequest, count - sent)));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(inFlight);
        }

        var probing = options.Probes > 0 ? probes.Run() : Task.CompletedTask;
        await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(_ => Task.Run(Sender)));
        var elapsed = clock.Elapsed - start;
        await probing;

        var drainUntil = clock.Elapsed + DrainBound;
        var newest = accepted.Keys.GroupBy(k => k.Id).Select(g => (g.Key, g.Max(k => k.Version))).ToArray();
        while (clock.Elapsed < drainUntil && (!receivers.All(r => r.HasAll(newest)) || (prober is not null && probes.Measure(prober).Missing > 0)))
            await Task.Delay(100);

        // Changes of one entity within one push are coalesced to the newest, so a change counts as
        // delivered when its version or a newer one of the same site has arrived.
        var latencies = new List<double>();
        var missing = 0L;
        foreach (var receiver in receivers)
        {
            var arrivals = receiver.Received.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Select(r => (r.Version, r.At)).ToArray());
            foreach (var ((id, version), sentAt) in accepted)
            {
                var delivered = arrivals.TryGetValue(id, out var list) ? list.FirstOrDefault(a => a.Version >= version) : default;
                if (delivered.Version == 0)
                    missing++;
                else
                    latencies.Add((delivered.At - sentAt) * 1000.0 / Stopwatch.Frequency);
            }
        }
        var messages = receivers.Sum(r => r.Messages);
        var disconnected = receivers.Count(r => r.Disconnected);
        foreach (var receiver in receivers)
            await receiver.DisposeAsync();
        var stalledStillOpen = stalled.Count(s => s.Open);
        foreach (var client in stalled)
            await client.DisposeAsync();
        var (flagLatencies, flagsMissing) = prober is null ? (new List<double>(), 0) : probes.Measure(prober);
        if (prober is not null)
            await prober.DisposeAsync();
        return new LoadResult(offered, acceptedReports, accepted.Count, elapsed, refused, [.. requestMs], latencies, missing, messages / (double)Math.Max(1, receivers.Count), options,
            flagLatencies, flagsMissing, disconnected, stalledStillOpen);
    }
}
