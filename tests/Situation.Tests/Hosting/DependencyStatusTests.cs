using Situation.Server.Hosting;

namespace Situation.Tests.Hosting;

/// <summary>
/// A dependency that refuses is lost at once; one that is only slow to answer is lost only when the
/// silence lasts, so a busy moment (a node leaving) does not refuse writes that would have been stored.
/// </summary>
public sealed class DependencyStatusTests
{
    [Fact]
    public void A_refusal_counts_at_once_and_an_answer_brings_it_back()
    {
        var status = new DependencyStatus();

        Assert.True(status.Report("NpgsqlException"));
        Assert.False(status.Ok);
        Assert.Equal("NpgsqlException", status.Error);

        Assert.True(status.Report(null));
        Assert.True(status.Ok);
    }

    [Fact]
    public void Probes_without_an_answer_count_only_once_they_last()
    {
        var status = new DependencyStatus();

        for (var probe = 1; probe < DependencyStatus.SlowProbesToLose; probe++)
        {
            Assert.False(status.Report("TimeoutException", unanswered: true));
            Assert.True(status.Ok);
        }
        Assert.True(status.Report("TimeoutException", unanswered: true));
        Assert.False(status.Ok);
        Assert.Equal("TimeoutException", status.Error);
    }

    [Fact]
    public void An_answer_between_slow_probes_starts_the_count_again()
    {
        var status = new DependencyStatus();

        for (var round = 0; round < 3; round++)
        {
            for (var probe = 1; probe < DependencyStatus.SlowProbesToLose; probe++)
                Assert.False(status.Report("TimeoutException", unanswered: true));
            Assert.False(status.Report(null));
        }
        Assert.True(status.Ok);
    }

    [Fact]
    public void A_lost_dependency_that_stops_answering_stays_lost()
    {
        var status = new DependencyStatus();
        status.Report("NpgsqlException");

        Assert.False(status.Report("TimeoutException", unanswered: true));
        Assert.False(status.Ok);
    }
}
