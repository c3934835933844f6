using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Situation.Contracts.History;
using Situation.Server.Api;
using Situation.Server.Api.Json;
using Situation.Server.History;
using Situation.Storage.History;
using Situation.Storage.Sqlite;

namespace Situation.Benchmarks;

/// <summary>
/// Replay (issue 17's goals): the picture of a moment rebuilt from a history in the embedded
/// default's SQLite file (<see cref="BenchmarkHistory"/>) and written as the API writes it — from
/// the newest snapshot before it, against the baseline of folding every record from the start. The
/// moment is the worst for snapshots: a second before the next one is due, the most records after the last.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReplayBenchmarks
{
    [Params("demo 1,500 sites, 30 days", "150,000 sites, 1 day")]
    public string History { get; set; } = "";

    private SqliteStore _store = null!;
    private Replay _fromSnapshots = null!;
    private Replay _fromTheStart = null!;
    private DateTimeOffset _moment;

    private (int Sites, int Days) Shape => History.StartsWith("demo", StringComparison.Ordinal) ? (1_500, 30) : (150_000, 1);

    [GlobalSetup]
    public void Setup()
    {
        var (sites, days) = Shape;
        var (path, end) = BenchmarkHistory.Open(sites, days);
        _store = new SqliteStore(path);
        var history = new SqliteHistoryStore(_store);
        _fromSnapshots = new Replay(history);
        _fromTheStart = new Replay(new WithoutSnapshots(history));
        _moment = end.AddMinutes(-30).AddSeconds(-1);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "every record from the start")]
    public Task<long> FromTheStart() => Picture(_fromTheStart);

    [Benchmark(Description = "newest snapshot, then the records after it")]
    public Task<long> FromTheSnapshot() => Picture(_fromSnapshots);

    /// <summary>Rebuilds the moment and writes it as <c>GET /api/situation?at=</c> does; answers the bytes written.</summary>
    private async Task<long> Picture(Replay replay)
    {
        var past = await replay.At(_moment);
        var counted = new CountingStream();
        var pipe = PipeWriter.Create(counted);
        await using var writer = new Utf8JsonWriter(pipe);
        await SituationApi.WritePicture(new JsonStream(writer, pipe, CancellationToken.None), DateTimeOffset.UtcNow, past.At, e => past.Entities[e.Type], past.Flags);
        await writer.FlushAsync();
        await pipe.FlushAsync();
        return counted.Length;
    }

    /// <summary>The baseline: a store that has no snapshot, so replay folds every record from the start.</summary>
    private sealed class WithoutSnapshots(IHistoryStore inner) : IHistoryStore
    {
        public Task AppendFlags(IReadOnlyList<FlagRecord> records) => inner.AppendFlags(records);

        public Task<DateTimeOffset?> Earliest(IReadOnlyCollection<string> entityTypes) => inner.Earliest(entityTypes);

        public Task<HistorySnapshot?> LatestSnapshot(DateTimeOffset? atOrBefore) => Task.FromResult<HistorySnapshot?>(null);

        public Task SaveSnapshot(HistorySnapshot snapshot) => inner.SaveSnapshot(snapshot);

        public Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Between(DateTimeOffset? after, DateTimeOffset upTo,
            IReadOnlyCollection<string> entityTypes, bool bodies, CancellationToken cancellationToken = default) =>
            inner.Between(after, upTo, entityTypes, bodies, cancellationToken);

        public Task<(IReadOnlyList<EntityRow> Entities, IReadOnlyList<FlagRow> Flags)> Of(HistorySnapshot snapshot, bool bodies, CancellationToken cancellationToken = default) =>
            inner.Of(snapshot, bodies, cancellationToken);
    }

    /// <summary>Counts what is written and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        private long _length;

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
