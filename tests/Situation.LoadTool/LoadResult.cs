namespace Situation.LoadTool;

public sealed record LoadResult(
    int Accepted, TimeSpan Elapsed, int FailedRequests, List<double> LatenciesMs, long Missing, double MessagesPerClient, LoadOptions Options)
{
    public bool Complete => Missing == 0 && FailedRequests == 0;

    public string Describe(string target)
    {
        LatenciesMs.Sort();
        double P(double q) => LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[Math.Min(LatenciesMs.Count - 1, (int)(q * LatenciesMs.Count))];
        var mode = Options.MaxRate ? "as fast as accepted" : $"offered {Options.Rate}/s";
        return $"{target}: {Options.Feeds} feeds ({mode}, batches of {Options.BatchSize}), {Options.Clients} clients, {Elapsed.TotalSeconds:0.0} s\n"
               + $"  accepted {Accepted} reports = {Accepted / Elapsed.TotalSeconds:0} reports/s; failed requests {FailedRequests}\n"
               + $"  accept -> client receipt: p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {P(1):0.0} ms over {LatenciesMs.Count} deliveries; missing {Missing}\n"
               + $"  messages per client: {MessagesPerClient:0} ({MessagesPerClient / Elapsed.TotalSeconds:0.0}/s)";
    }
}
