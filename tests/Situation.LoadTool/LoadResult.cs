namespace Situation.LoadTool;

public sealed record LoadResult(
    int Accepted, int Changes, TimeSpan Elapsed, int FailedRequests, List<double> LatenciesMs, long Missing, double MessagesPerClient, LoadOptions Options,
    List<double> FlagLatenciesMs, int FlagsMissing, int Disconnected)
{
    public bool Complete => Missing == 0 && FailedRequests == 0 && FlagsMissing == 0;

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    public string Describe(string target)
    {
        LatenciesMs.Sort();
        FlagLatenciesMs.Sort();
        double P(double q) => Percentile(LatenciesMs, q);
        double F(double q) => Percentile(FlagLatenciesMs, q);
        var mode = Options.MaxRate ? "as fast as accepted" : $"offered {Options.Rate}/s";
        return $"{target}: {Options.Feeds} feeds ({mode}, batches of {Options.BatchSize}), {Options.Clients} clients, {Elapsed.TotalSeconds:0.0} s\n"
               + $"  accepted {Accepted} reports = {Accepted / Elapsed.TotalSeconds:0} reports/s ({Changes} of them changes, the rest heartbeats); failed requests {FailedRequests}\n"
               + $"  accept -> client receipt: p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {P(1):0.0} ms over {LatenciesMs.Count} deliveries of changes; missing {Missing}\n"
               + $"  messages per client: {MessagesPerClient:0} ({MessagesPerClient / Elapsed.TotalSeconds:0.0}/s); clients disconnected during the run: {Disconnected}"
               + (Options.Probes > 0
                   ? $"\n  flag probes: accept -> flag change at a client: p50 {F(0.50):0.0} ms, p99 {F(0.99):0.0} ms, max {F(1):0.0} ms over {FlagLatenciesMs.Count}; missing {FlagsMissing}"
                   : "");
    }
}
