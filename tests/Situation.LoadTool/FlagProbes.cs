using System.Diagnostics;
using System.Text;

namespace Situation.LoadTool;

/// <summary>
/// Reports that each flip one flag: a site up on battery with 30 minutes left raises power_critical,
/// the same site back on grid, a round of the probe sites later, clears it. Spread evenly over the run, on sites the feeds do not use,
/// so that the time from sending a report to the flag change at a client can be measured under load.
/// </summary>
public sealed class FlagProbes(HttpClient http, Stopwatch clock, string[] sites, int count, TimeSpan over)
{
    private readonly List<(string FlagId, bool Deleted, long SentAt)> _sent = [];

    public async Task Run()
    {
        var spacing = over / Math.Max(1, count);
        for (var i = 0; i < count; i++)
        {
            // Each site is raised, and cleared a round of the sites later: a raise and its clear
            // a probe apart (75 ms in a 15 s run) could fall in one batch of the engine, which
            // takes in a site's newest state only, and the raise would never be a flag at all.
            var site = sites[i % sites.Length];
            var raise = i / sites.Length % 2 == 0;
            var body = raise ? """{"health":"up","power":"battery","batteryMinutes":30}""" : """{"health":"up","power":"grid"}""";
            var sentAt = clock.ElapsedTicks;
            using var response = await http.PostAsync($"/api/sites/{site}/reports", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.IsSuccessStatusCode)
                _sent.Add(($"power_critical.site.{site}", !raise, sentAt));
            await Task.Delay(spacing);
        }
    }

    /// <summary>Milliseconds from sending the report (the sender's own clock) to the first matching flag item at the receiver; missing ones counted apart.</summary>
    public (List<double> Latencies, int Missing) Measure(Receiver receiver)
    {
        var flags = receiver.Flags;
        var latencies = new List<double>();
        var missing = 0;
        foreach (var (flagId, deleted, sentAt) in _sent)
        {
            var match = flags.FirstOrDefault(f => f.Id == flagId && f.Deleted == deleted && f.At >= sentAt);
            if (match.Id is null) missing++;
            else latencies.Add((match.At - sentAt) * 1000.0 / Stopwatch.Frequency);
        }
        return (latencies, missing);
    }
}
