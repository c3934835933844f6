using System.Net;
using Situation.Server.Auth;
using Situation.Server.Hosting;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>Growing waits instead of a lock (issue 13 item 5), on a clock the test moves.</summary>
public sealed class SignInThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.2");
    private readonly ManualClock _clock = new(new DateTimeOffset(2021, 2, 2, 2, 0, 0, TimeSpan.Zero));
    private readonly SignInThrottle _throttle;

    public SignInThrottleTests() => _throttle = new SignInThrottle(_clock, new SignInOptions());

    /// <summary>Tries at once and, when made to wait, waits exactly as told and tries again.</summary>
    private TimeSpan FailAfterWaiting(string name, IPAddress from)
    {
        var waited = TimeSpan.Zero;
        while (_throttle.TryAttempt(name, from) is { } wait)
        {
            waited += wait.Wait;
            _clock.Advance(wait.Wait);
        }
        return waited;
    }

    [Fact]
    public void After_three_free_failures_each_wait_doubles_up_to_the_ceiling()
    {
        var waits = Enumerable.Range(0, 14).Select(_ => FailAfterWaiting("admin", Guesser)).ToList();

        Assert.Equal([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300], waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public void A_guess_spread_over_many_addresses_holds_the_owner_back_at_most_the_names_short_ceiling()
    {
        for (var i = 0; i < 40; i++)
            FailAfterWaiting("admin", IPAddress.Parse($"203.0.113.{i + 1}"));

        var owner = _throttle.TryAttempt("admin", Owner);
        Assert.NotNull(owner);
        Assert.InRange(owner.Value.Wait, TimeSpan.FromTicks(1), new SignInOptions().LongestWaitPerName);
        Assert.Equal("Too many wrong passwords for this name", owner.Value.Reason);
    }

    [Fact]
    public void The_right_password_starts_the_name_afresh_from_that_address()
    {
        for (var i = 0; i < 5; i++)
            FailAfterWaiting("leader", Owner);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(_throttle.TryAttempt("leader", Owner));
        _throttle.Succeeded("leader", Owner);

        Assert.Null(_throttle.TryAttempt("leader", Owner));
        Assert.Null(_throttle.TryAttempt("leader", Owner));
    }

    [Fact]
    public void A_quiet_quarter_of_an_hour_forgives()
    {
        for (var i = 0; i < 6; i++)
            FailAfterWaiting("leader", Guesser);
        _clock.Advance(new SignInOptions().ForgetAfter);

        Assert.Null(_throttle.TryAttempt("leader", Guesser));
        Assert.Null(_throttle.TryAttempt("leader", Guesser));
    }

    [Fact]
    public void Spraying_many_names_from_one_address_is_slowed_too()
    {
        for (var i = 0; i < 20; i++)
            Assert.Null(_throttle.TryAttempt("name-" + i, Guesser));

        Assert.NotNull(_throttle.TryAttempt("name-20", Guesser));
        Assert.Null(_throttle.TryAttempt("name-20", Owner));
    }

    [Fact]
    public void Tries_sent_all_at_once_meet_the_wait_as_tries_sent_one_by_one_do()
    {
        var admitted = 0;
        Parallel.For(0, 200, _ =>
        {
            if (_throttle.TryAttempt("admin", Guesser) is null)
                Interlocked.Increment(ref admitted);
        });

        Assert.Equal(3, admitted);
    }
}
