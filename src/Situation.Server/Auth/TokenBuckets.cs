using System.Collections.Concurrent;

namespace Situation.Server.Auth;

/// <summary>
/// A token bucket per partition (a person, a key, an address), refilled as it is used from the time
/// since its last use: nothing ticks while nobody calls, where a timer-driven limiter would wake the
/// node ten times a second to refill buckets that are already full.
/// </summary>
public sealed class TokenBuckets(double tokensPerSecond, int capacity, TimeProvider clock)
{
    /// <summary>Beyond this many partitions, full buckets (callers quiet long enough) are dropped.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private int _added;

    /// <summary>How many callers have a bucket now.</summary>
    public int Partitions => _buckets.Count;

    /// <summary>Takes a token, or says how long until the next one.</summary>
    public bool TryTake(string partition, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        if (!_buckets.TryGetValue(partition, out var bucket))
        {
            bucket = _buckets.GetOrAdd(partition, _ => new Bucket(capacity, now));
            if (Interlocked.Increment(ref _added) % 1024 == 0 && _buckets.Count > PruneAbove)
                Prune(now);
        }
        lock (bucket)
        {
            Refill(bucket, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / tokensPerSecond);
            return false;
        }
    }

    private void Refill(Bucket bucket, DateTimeOffset now)
    {
        bucket.Tokens = Math.Min(capacity, bucket.Tokens + Math.Max(0, (now - bucket.Since).TotalSeconds) * tokensPerSecond);
        bucket.Since = now;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (partition, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket, now);
                // A full bucket is one a new bucket would equal: forgetting it changes nothing.
                if (bucket.Tokens >= capacity)
                    _buckets.TryRemove(partition, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset since)
    {
        public double Tokens = tokens;
        public DateTimeOffset Since = since;
    }
}
