using BenchmarkDotNet.Attributes;
using Situation.Contracts.History;
using Situation.Server.History;
using Situation.Server.Sitreps;
using Situation.Storage.History;
using Situation.Storage.Sqlite;

namespace Situation.Benchmarks;

/// <summary>
/// The daily situation report (issue 17's goal: its PDF for the demo province within 5 s): the last
/// day of the demo's 30-day history (<see cref="BenchmarkHistory"/>), its figures computed and then
/// rendered as PDF and as XLSX — against the baseline of computing the figures alone.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SitrepBenchmarks
{
    private SqliteStore _store = null!;
    private SqliteHistoryStore _history = null!;
    private Replay _replay = null!;
    private SitrepPeriod _day = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (path, end) = BenchmarkHistory.Open(sites: 1_500, days: 30);
        _store = new SqliteStore(path);
        _history = new SqliteHistoryStore(_store);
        _replay = new Replay(_history);
        _day = new SitrepPeriod(end.AddDays(-1), end);
        ReportFonts.Install(null);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "the day's figures")]
    public async Task<SitrepFigures> Figures()
    {
        var start = await _replay.At(_day.From);
        var (entities, flags) = await _history.Between(_day.From, _day.To, HistorySnapshots.EntityTypes, bodies: true);
        return SitrepCalculation.Compute(_day, start, entities, flags, []);
    }

    [Benchmark(Description = "figures and the PDF")]
    public async Task<int> Pdf() => SitrepPdf.Render(new StoredSitrep("bench", 1, _day.To, "bench", false, await Figures()), SitrepWords.Vietnamese).Length;

    [Benchmark(Description = "figures and the XLSX")]
    public async Task<int> Xlsx() => SitrepTables.Xlsx(new StoredSitrep("bench", 1, _day.To, "bench", false, await Figures()), SitrepWords.Vietnamese).Length;
}
