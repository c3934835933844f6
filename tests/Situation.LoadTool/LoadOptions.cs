namespace Situation.LoadTool;

public sealed record LoadOptions(
    string? Url, bool Baseline, int Feeds, int Rate, bool MaxRate, int Clients, int Seconds, int BatchSize, int Probes, string User, string? Password,
    bool Single, int InFlight, int Stalled, bool Json)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), out var n) ? n : fallback;
        var options = new LoadOptions(
            Url: Value("--url"),
            Baseline: args.Contains("--baseline"),
            Feeds: Number("--feeds", 4),
            Rate: Number("--rate", 1000),
            MaxRate: args.Contains("--max"),
            Clients: Number("--clients", 200),
            Seconds: Number("--seconds", 20),
            BatchSize: Number("--batch", 100),
            Probes: Number("--flag-probes", 0),
            User: Value("--user") ?? "admin",
            Password: Value("--password") ?? Environment.GetEnvironmentVariable("SITUATION_PASSWORD"),
            Single: args.Contains("--single"),
            InFlight: Number("--in-flight", 64),
            Stalled: Number("--stalled", 0),
            Json: args.Contains("--json"));
        if (options.Url is null == !options.Baseline)
            throw new ArgumentException("Give --url <platform> or --baseline");
        return options;
    }

    /// <summary>How many senders work at once: feeds of batches, or single reports in flight.</summary>
    public int Senders => Single ? InFlight : Feeds;

    /// <summary>Reports per request.</summary>
    public int ReportsPerRequest => Single ? 1 : BatchSize;

    public const string Usage = """
        usage: Situation.LoadTool (--url <server> | --baseline) [--feeds 4] [--rate 1000 | --max] [--batch 100]
                                  [--single] [--in-flight 64] [--clients 200] [--seconds 20] [--flag-probes 0]
                                  [--user admin] [--password <p>] [--stalled 0] [--json]
          --url       the platform to drive (its demo sites are reported on)
          --baseline  host a bare ASP.NET Core endpoint that only forwards each report to the SignalR clients
          --rate      reports per second in total (open loop: sent on schedule, whatever the server's pace);
                      --max sends back to back
          --single    one POST /api/sites/{id}/reports per report, --in-flight of them at once, instead of
                      --feeds posting batches of --batch to /api/reports
          --user, --password  the account the feeds and clients sign in with (the password also from
                      SITUATION_PASSWORD); an admin may report on every operator's sites
          --flag-probes  reports that each raise or clear a power_critical flag, spread over the run: their
                      time from sending to the flag change reaching a client is the flag latency
          --stalled   that many more clients subscribe and then never read (but keep pinging): what a hung
                      or hostile client costs the others
          --json      the clients speak SignalR's JSON protocol, not MessagePack (which the dashboard speaks)
          --baseline --idle <seconds>  only host the baseline, idle, for that long (scripts/bench/idle.sh)
          --cpu-breakdown <trace.speedscope.json>  where a profiled server's CPU went (scripts/bench/profile.sh)
        Every latency is measured on this tool's own clock, from the moment a report is sent.
        """;
}
