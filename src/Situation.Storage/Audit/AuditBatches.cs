using System.Threading.Channels;
using Situation.Contracts.Audit;

namespace Situation.Storage.Audit;

/// <summary>
/// Group commit for the audit trail: appends queue up while the previous batch is being written,
/// then go to the store together in one transaction. Each caller's task completes when its own
/// records are durable, or fails with the error of the batch that carried them.
/// </summary>
internal sealed class AuditBatches : IAsyncDisposable
{
    private const int MaxRecordsPerBatch = 2000;

    private readonly Func<IReadOnlyList<AuditRecord>, Task> _write;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Task _writer;

    public AuditBatches(Func<IReadOnlyList<AuditRecord>, Task> write)
    {
        _write = write;
        _writer = Task.Run(WriteLoop);
    }

    public Task Append(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        var pending = new Pending(records);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(AuditBatches));
        return pending.Done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = 0;
            while (count < MaxRecordsPerBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                count += next.Records.Count;
            }
            try
            {
                await _write(batch.SelectMany(p => p.Records).ToList());
                foreach (var pending in batch) pending.Done.TrySetResult();
            }
            catch (Exception error)
            {
                foreach (var pending in batch) pending.Done.TrySetException(error);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Pending(IReadOnlyList<AuditRecord> Records)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
