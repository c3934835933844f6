using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// The Grafana dashboard (scripts/grafana/situation-dashboard.json) is a starting point that works:
/// every query is PromQL that Prometheus' own checker accepts, and every series it reads is one the
/// platform serves at /metrics.
/// </summary>
public sealed partial class GrafanaDashboardTests(MetricsServer api) : IClassFixture<MetricsServer>
{
    private static readonly string Dashboard = Path.Combine(Paths.RepositoryRoot, "scripts", "grafana", "situation-dashboard.json");

    [Fact]
    public async Task Every_query_of_the_dashboard_is_PromQL_that_promtool_accepts()
    {
        var queries = Queries();
        var rules = new StringBuilder("groups:\n  - name: situation-dashboard\n    rules:\n");
        foreach (var (query, i) in queries.Select((q, i) => (q, i)))
            rules.Append($"      - record: situation:dashboard_query_{i}\n        expr: {JsonSerializer.Serialize(query)}\n");
        var file = Path.Combine(Paths.NewTempDir("grafana"), "rules.yml");
        await File.WriteAllTextAsync(file, rules.ToString());

        var promtool = await Tool.Run("promtool", ["check", "rules", file]);

        Assert.True(queries.Count >= 10, $"{queries.Count} queries");
        Assert.True(promtool.ExitCode == 0, $"promtool check rules exited {promtool.ExitCode}:\n{promtool.Said}");
    }

    [Fact]
    public async Task Every_series_the_dashboard_reads_is_served_at_metrics()
    {
        await api.ChangeASite();
        var served = (await api.Server.ScrapeMetrics()).Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0]).ToHashSet();

        // Label names (in "by (…)") are not series.
        var read = Queries().Select(q => Grouping().Replace(q, "")).SelectMany(q => SeriesName().Matches(q).Select(m => m.Value)).Distinct().ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, served));
    }

    private static List<string> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!).ToList();
    }

    /// <summary>The series a query reads: the platform's, Orleans' and ASP.NET Core's by their prefixes.</summary>
    [GeneratedRegex(@"\b(situation|orleans|http)_[a-z0-9_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"\bby \([^)]*\)")]
    private static partial Regex Grouping();
}
