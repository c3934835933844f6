namespace Situation.LoadTool;

public sealed record LoadResult(
    int Offered, int Accepted, int Changes, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Refused, List<double> RequestMs, List<double> LatenciesMs,
    long Missing, double MessagesPerClient, LoadOptions Options, List<double> FlagLatenciesMs, int FlagsMissing, int Disconnected,
    int StalledStillOpen)
{
    public int FailedRequests => Refused.Values.Sum();

    public bool Complete => Missing == 0 && FailedRequests == 0 && FlagsMissing == 0;

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    public string Describe(string target)
    {
        LatenciesMs.Sort();
        FlagLatenciesMs.Sort();
        RequestMs.Sort();
        double P(double q) => Percentile(LatenciesMs, q);
        double F(double q) => Percentile(FlagLatenciesMs, q);
        double R(double q) => Percentile(RequestMs, q);
        var mode = Options.MaxRate ? "as fast as accepted" : $"offered {Options.Rate}/s";
        var senders = Options.Single ? $"{Options.InFlight} single reports in flight" : $"{Options.Feeds} feeds (batches of {Options.BatchSize})";
        var refused = Refused.Count == 0 ? "none" : string.Join(", ", Refused.OrderBy(r => r.Key).Select(r => $"{r.Key}×{r.Value}"));
        return $"{target}: {senders}, {mode}, {Options.Clients} clients, {Elapsed.TotalSeconds:0.0} s\n"
               + $"  sent {Offered} reports; accepted {Accepted} = {Accepted / Elapsed.TotalSeconds:0} reports/s ({Changes} of them changes, the rest heartbeats); failed requests: {refused}\n"
               + $"  request (send -> answer): p50 {R(0.50):0.0} ms, p99 {R(0.99):0.0} ms, max {R(1):0.0} ms over {RequestMs.Count} requests\n"
               + $"  send -> client receipt: p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {P(1):0.0} ms over {LatenciesMs.Count} deliveries of changes; missing {Missing}\n"
               + $"  messages per client: {MessagesPerClient:0} ({MessagesPerClient / Elapsed.TotalSeconds:0.0}/s); clients disconnected during the run: {Disconnected}"
               + (Options.Probes > 0
                   ? $"\n  flag probes: send -> flag change at a client: p50 {F(0.50):0.0} ms, p99 {F(0.99):0.0} ms, max {F(1):0.0} ms over {FlagLatenciesMs.Count}; missing {FlagsMissing}"
                   : "")
               + (Options.Stalled > 0
                   ? $"\n  stalled clients (subscribed, never reading): {Options.Stalled}; still open at the end: {StalledStillOpen}"
                   : "");
    }
}
