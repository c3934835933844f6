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
                if (_trim.Due(GC.CollectionCount(0), GC.GetGCMemoryInfo().TotalCommittedBytes))
                    Collect();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void Collect()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var watch = Stopwatch.StartNew();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        // Aggressive: compacts and decommits what it frees, which a background collection does not.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        _trim.Collected(GC.CollectionCount(0), after.TotalCommittedBytes);
        log.LogInformation("At rest: heap compacted in {Milliseconds} ms, committed {Before} MB -> {After} MB ({Alive} MB alive)",
            watch.ElapsedMilliseconds, before >> 20, after.TotalCommittedBytes >> 20, after.HeapSizeBytes >> 20);
    }
}

/// <summary>
/// When a node at rest collects: a whole interval passed without a collection (so it allocates next
/// to nothing and nobody waits on the pause), and the heap has grown well past what the last such
/// collection left (so there is something to give back). Under load it never collects, since
/// collections come by the second; at rest it collects once, not again at each small collection.
/// </summary>
public sealed class RestTrim
{
    /// <summary>Growth past the last collection's heap that is worth a full collection: a quarter, and at least this many bytes.</summary>
    public const long WorthBytes = 64 << 20;

    private int _collections = -1;
    private long _leftAfterTrim;

    /// <param name="collections">Collections so far (generation 0 counts them all).</param>
    /// <param name="committed">Bytes the heap holds from the system now.</param>
    public bool Due(int collections, long committed)
    {
        var resting = collections == _collections;
        _collections = collections;
        return resting && committed > _leftAfterTrim + Math.Max(WorthBytes, _leftAfterTrim / 4);
    }

    /// <summary>The collection ran: what it left is the new measure of growth.</summary>
    public void Collected(int collections, long committed) => (_collections, _leftAfterTrim) = (collections, committed);
}
