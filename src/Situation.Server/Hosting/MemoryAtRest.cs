using System.Diagnostics;
using System.Runtime;

namespace Situation.Server.Hosting;

/// <summary>
/// Gives memory back to the system once a node comes to rest. The garbage collector collects when
/// allocation asks for it; a node that has just taken in a province, or a burst of 2,000 zones, and
/// then rests allocates next to nothing, so the garbage of that work stays on a heap the size of
/// the work (at 150,000 sites and 2,000 zones, 1.33 GB held for 0.9 GB alive). Checked every
/// <see cref="Interval"/>: see <see cref="RestTrim"/> for when it collects.
/// </summary>
public sealed class MemoryAtRest(ILogger<MemoryAtRest> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly RestTrim _trim = new();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
                if (_trim.Due(GC.GetTotalAllocatedBytes(), committed))
                    Collect(committed);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void Collect(long before)
    {
        var watch = Stopwatch.StartNew();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        // Aggressive: compacts and decommits what it frees, which a background collection does not.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        _trim.Collected(GC.GetTotalAllocatedBytes(), after.TotalCommittedBytes);
        log.LogInformation("At rest: heap compacted in {Milliseconds} ms, committed {Before} MB -> {After} MB ({Alive} MB alive)",
            watch.ElapsedMilliseconds, before >> 20, after.TotalCommittedBytes >> 20, after.HeapSizeBytes >> 20);
    }
}

/// <summary>
/// When a node at rest collects: it allocated next to nothing over a whole interval (so nobody
/// waits on the pause: a node with 150,000 sites allocates 26-29 MB in 30 s at rest, its timers' work,
/// and 1.8 GB under 200 reports/s), and its heap has grown well past what the last such collection
/// left (so there is something to give back). Under load it never collects; at rest it collects
/// once, not again at each small collection.
/// </summary>
public sealed class RestTrim
{
    /// <summary>At most this much allocated over an interval is rest.</summary>
    public const long QuietBytes = 64 << 20;

    /// <summary>Growth past the last collection's heap that is worth a full collection: a quarter, and at least this many bytes.</summary>
    public const long WorthBytes = 64 << 20;

    private long _allocated = -1;
    private long _leftAfterTrim;

    /// <param name="allocated">Bytes allocated since the process started.</param>
    /// <param name="committed">Bytes the heap holds from the system now.</param>
    public bool Due(long allocated, long committed)
    {
        var resting = _allocated >= 0 && allocated - _allocated <= QuietBytes;
        _allocated = allocated;
        return resting && committed > _leftAfterTrim + Math.Max(WorthBytes, _leftAfterTrim / 4);
    }

    /// <summary>The collection ran: what it left is the new measure of growth.</summary>
    public void Collected(long allocated, long committed) => (_allocated, _leftAfterTrim) = (allocated, committed);
}
