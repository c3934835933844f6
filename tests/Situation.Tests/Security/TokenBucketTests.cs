using Situation.Server.Auth;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>The request limiter's buckets, on a clock the test moves: they refill from elapsed time, with no timer.</summary>
public sealed class TokenBucketTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2021, 2, 2, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_caller_may_burst_to_the_capacity_then_waits_exactly_until_the_next_token()
    {
        var buckets = new TokenBuckets(tokensPerSecond: 2, capacity: 5, _clock);
        for (var i = 0; i < 5; i++)
            Assert.True(buckets.TryTake("user:leader", out _));

        Assert.False(buckets.TryTake("user:leader", out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(500), wait);

        _clock.Advance(wait);
        Assert.True(buckets.TryTake("user:leader", out _));
        Assert.False(buckets.TryTake("user:leader", out _));
    }

    [Fact]
    public void Callers_do_not_share_a_bucket_and_a_quiet_one_refills_only_to_its_capacity()
    {
        var buckets = new TokenBuckets(tokensPerSecond: 1, capacity: 3, _clock);
        for (var i = 0; i < 3; i++)
            Assert.True(buckets.TryTake("key:feed-a", out _));
        Assert.False(buckets.TryTake("key:feed-a", out _));
        Assert.True(buckets.TryTake("key:feed-b", out _));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, Enumerable.Range(0, 10).Count(i => buckets.TryTake("key:feed-a", out _)));
    }

    [Fact]
    public void Quiet_callers_are_forgotten_but_never_one_still_waiting()
    {
        var buckets = new TokenBuckets(tokensPerSecond: 1, capacity: 2, _clock);
        for (var i = 0; i < 15_000; i++)
            Assert.True(buckets.TryTake($"address:10.0.{i / 256}.{i % 256}", out _));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(buckets.TryTake("address:203.0.113.7", out _));
        Assert.True(buckets.TryTake("address:203.0.113.7", out _));

        // More callers than are kept: on the way, the buckets refilled to the full are dropped.
        for (var i = 0; i < 15_000; i++)
            Assert.True(buckets.TryTake($"address:10.1.{i / 256}.{i % 256}", out _));

        Assert.True(buckets.Partitions < 20_000, $"{buckets.Partitions} partitions kept");
        Assert.False(buckets.TryTake("address:203.0.113.7", out _));
    }
}
