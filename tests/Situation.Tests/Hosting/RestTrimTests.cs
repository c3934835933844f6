using Situation.Server.Hosting;

namespace Situation.Tests.Hosting;

/// <summary>When a node at rest compacts its heap: only at rest, only when the heap has grown, and once.</summary>
public sealed class RestTrimTests
{
    private const long MB = 1 << 20;

    [Fact]
    public void A_node_that_allocates_more_than_rest_between_checks_is_busy_and_never_compacted()
    {
        var trim = new RestTrim();
        for (var check = 0; check < 100; check++)
            Assert.False(trim.Due(check * (RestTrim.QuietBytes + 1), 4000 * MB));
    }

    [Fact]
    public void A_node_at_rest_with_a_grown_heap_is_compacted_once_and_again_only_after_it_grows_again()
    {
        var trim = new RestTrim();
        Assert.False(trim.Due(10_000 * MB, 900 * MB));     // the first look: no interval seen yet
        Assert.True(trim.Due(10_030 * MB, 900 * MB));      // a whole interval of next to nothing
        trim.Collected(10_030 * MB, 500 * MB);

        Assert.False(trim.Due(10_060 * MB, 500 * MB));     // still at rest: nothing new to give back
        Assert.False(trim.Due(10_090 * MB, 560 * MB));     // the heap grew a little at rest: not worth a pause
        Assert.False(trim.Due(12_000 * MB, 900 * MB));     // a burst of work: busy
        Assert.True(trim.Due(12_020 * MB, 900 * MB));      // then rest, the heap well past what was left
    }

    [Fact]
    public void A_small_node_is_not_compacted_for_less_than_the_least_growth_worth_a_pause()
    {
        var trim = new RestTrim();
        trim.Collected(0, 100 * MB);
        Assert.False(trim.Due(MB, 100 * MB + RestTrim.WorthBytes));
        Assert.True(trim.Due(2 * MB, 101 * MB + RestTrim.WorthBytes));
    }
}
