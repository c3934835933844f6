using Situation.Server.Live;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

/// <summary>
/// A node hands its clients another node's stream in order and without holes it could fill itself:
/// what comes past a hole waits for the missing messages (which their publisher sends again when
/// asked), and only a hole nobody fills is given up, after a bound.
/// </summary>
public sealed class ChangeWindowTests
{
    private const string Publisher = "0123456789ab";
    private const string Scope = "province";
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2021-02-02T08:00:00Z"));
    private readonly ChangeWindow _window;

    public ChangeWindowTests() => _window = new ChangeWindow(_clock, new LiveOptions());

    private static ScopedMessage Message(long seq, string site = "bts-622-0001") =>
        new(Scope, seq, [new ChangeItem("site", site, seq, false, null)]);

    /// <summary>Takes a message; answers the numbers handed on (as "2,3") and whether a hole is open.</summary>
    private (string Ready, bool Hole) Take(long seq, string site = "bts-622-0001")
    {
        var (ready, hole) = _window.Take(Publisher, Message(seq, site));
        return (string.Join(",", ready.Select(m => m.Seq)), hole);
    }

    [Fact]
    public void Messages_past_a_hole_wait_until_it_is_filled_then_go_on_in_order()
    {
        Assert.Equal(("1", false), Take(1));
        Assert.Equal(("", true), Take(3));
        Assert.Equal(("", true), Take(4));
        Assert.Equal(1, _window.Positions(Scope)[Publisher]);
        Assert.Equal([(Publisher, Scope, 1L, 4L)], _window.Holes());

        Assert.Equal(("2,3,4", false), Take(2));

        Assert.Equal(4, _window.Positions(Scope)[Publisher]);
        Assert.Empty(_window.Holes());
        // A message sent again that is already held changes nothing.
        Assert.Equal(("", false), Take(3));
    }

    [Fact]
    public void A_position_ahead_of_what_is_held_opens_a_hole_that_the_publishers_messages_fill()
    {
        Take(1);
        Assert.True(_window.Confirm(Publisher, Scope, 3));
        Assert.Equal(1, _window.Positions(Scope)[Publisher]);
        Assert.Equal([(Publisher, Scope, 1L, 3L)], _window.Holes());

        Assert.Equal(("2", true), Take(2));
        Assert.Equal(("3", false), Take(3));
        Assert.False(_window.Confirm(Publisher, Scope, 3));
        Assert.Equal(3, _window.After(Publisher, Scope, 1)!.Value.Last);
    }

    [Fact]
    public void A_hole_open_past_the_bound_is_given_up_what_waited_goes_on_and_what_lies_in_the_hole_is_not_answered_as_complete()
    {
        Take(1);
        Take(4, "bts-622-0004");
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, _window.GiveUp(TimeSpan.FromSeconds(5)).Streams);

        _clock.Advance(TimeSpan.FromSeconds(4));
        var given = _window.GiveUp(TimeSpan.FromSeconds(5));

        Assert.Equal(1, given.Streams);
        Assert.Equal([4L], given.Ready.Select(g => g.Message.Seq));
        Assert.Empty(_window.Holes());
        Assert.Equal(4, _window.Positions(Scope)[Publisher]);
        // A client that held 1 cannot be answered: 2 and 3 were never here. One that holds 4 can.
        Assert.Null(_window.After(Publisher, Scope, 1));
        Assert.Empty(_window.After(Publisher, Scope, 4)!.Value.Items);
        // A late copy of a given-up message is not handed on again.
        Assert.Equal(("", false), Take(2));
    }

    [Fact]
    public void A_publisher_that_no_longer_holds_a_hole_lets_it_be_given_up_at_once()
    {
        Take(1);
        Assert.True(_window.Confirm(Publisher, Scope, 5));

        Assert.Empty(_window.GiveUp(TimeSpan.FromSeconds(5), only: Publisher).Ready);

        Assert.Empty(_window.Holes());
        Assert.Equal(5, _window.Positions(Scope)[Publisher]);
        Assert.Null(_window.After(Publisher, Scope, 1));
    }

    [Fact]
    public void The_publisher_answers_a_request_from_its_own_window_or_says_it_no_longer_holds_it()
    {
        var options = new LiveOptions { CatchUpWindow = TimeSpan.FromMinutes(1) };
        var own = new ChangeWindow(_clock, options);
        for (var seq = 1; seq <= 5; seq++)
            own.Take(Publisher, Message(seq));

        Assert.Equal([3L, 4L, 5L], own.Held(Publisher, Scope, 2, 5)!.Select(m => m.Seq));
        Assert.Null(own.Held(Publisher, Scope, 2, 6));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(own.Held(Publisher, Scope, 2, 5));
    }

    [Fact]
    public void A_publisher_is_known_whole_until_it_was_last_heard_or_until_a_hole_opened()
    {
        Assert.Null(_window.WholeUntil(Publisher));
        var start = _clock.GetUtcNow();
        Take(1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        _window.Confirm(Publisher, "district:622", 7);
        Assert.Equal(start.AddSeconds(3), _window.WholeUntil(Publisher));

        _clock.Advance(TimeSpan.FromSeconds(3));
        Take(3);
        _clock.Advance(TimeSpan.FromSeconds(3));
        Take(4);
        // The province stream was last whole when message 1 came; the hole after it may hold anything since.
        Assert.Equal(start, _window.WholeUntil(Publisher));
    }

    [Fact]
    public void A_stream_first_heard_past_its_start_by_a_node_that_always_listened_misses_nothing_a_client_of_that_node_needs()
    {
        // Messages 1-6 went out before this node listened, so before any of its clients subscribed.
        Assert.False(_window.Confirm(Publisher, Scope, 6));
        Assert.Equal(("7", false), Take(7));

        Assert.Equal(7, _window.After(Publisher, Scope, 0)!.Value.Last);
        Assert.Single(_window.After(Publisher, Scope, 0)!.Value.Items);
        Assert.Null(_window.After(Publisher, Scope, 3));
    }

    [Fact]
    public void After_a_break_a_stream_first_heard_past_its_start_is_a_hole_from_the_beginning()
    {
        _window.Broken();

        Assert.True(_window.Confirm(Publisher, Scope, 2));
        Assert.Equal([(Publisher, Scope, 0L, 2L)], _window.Holes());
        Assert.Equal(0, _window.Positions(Scope)[Publisher]);

        Assert.Equal(("", true), Take(2));
        Assert.Equal(("1,2", false), Take(1));
        Assert.Equal(2, _window.After(Publisher, Scope, 0)!.Value.Last);
    }
}
