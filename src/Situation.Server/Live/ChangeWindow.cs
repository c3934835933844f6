namespace Situation.Server.Live;

/// <summary>
/// The recent messages of every publisher this node has sent or relayed, per scope, so that a
/// client that missed some asks for exactly those (<c>GET /api/changes</c>) instead of the whole
/// picture. Bounded by age and by items per publisher and scope.
/// <para>
/// A relayed stream goes on to this node's clients in order and without holes: a message that
/// arrives past a hole (Redis was away, or its messages came out of order) waits here until the
/// hole is filled — its publisher sends the missing messages again when asked (see
/// <see cref="Holes"/>) — so the clients never see a gap this node can fill itself. A hole its
/// publisher cannot fill (it died, or no longer holds them) is given up after a bound
/// (<see cref="GiveUp"/>): the stream then starts afresh past it, and what lies in it is never
/// answered as if it were complete.
/// </para>
/// </summary>
public sealed class ChangeWindow(TimeProvider clock, LiveOptions options)
{
    private sealed class Stream
    {
        /// <summary>The messages handed to the clients, in order, after <see cref="CompleteAfter"/>.</summary>
        public readonly LinkedList<(long Seq, DateTimeOffset At, IReadOnlyList<ChangeItem> Items)> Messages = new();
        public long ItemCount;

        /// <summary>Messages after this number are all held (until they age out).</summary>
        public long CompleteAfter;

        /// <summary>The last message handed to the clients: where the stream stands for them.</summary>
        public long Last;

        /// <summary>Messages that came past a hole, waiting for it to be filled.</summary>
        public readonly SortedDictionary<long, IReadOnlyList<ChangeItem>> Waiting = [];

        /// <summary>The highest number known to exist (from a message or its publisher's word).</summary>
        public long Known;

        /// <summary>When the current hole opened; null while the stream is whole.</summary>
        public DateTimeOffset? HoleSince;

        /// <summary>The last moment this node knew it held every message of the stream sent until then.</summary>
        public DateTimeOffset WholeAt;

        /// <summary>When this stream was last heard of (a message or its publisher's confirmation).</summary>
        public DateTimeOffset Heard;

        /// <summary>
        /// Where the stream was first heard, when everything before it was sent before this node
        /// began listening — and so before any of its clients subscribed: a client that never had a
        /// message of the stream misses none of those (<see cref="After"/>). Null otherwise.
        /// </summary>
        public long? QuietBefore;

        public void Hand(long seq, DateTimeOffset at, IReadOnlyList<ChangeItem> items)
        {
            Messages.AddLast((seq, at, items));
            ItemCount += items.Count;
            Last = seq;
        }

        /// <summary>Drops what is held: the stream is complete only after <paramref name="seq"/> from now on.</summary>
        public void RestartAfter(long seq)
        {
            Messages.Clear();
            ItemCount = 0;
            CompleteAfter = seq;
            Last = Math.Max(Last, seq);
        }

        /// <summary>Notes whether a hole is open now, as of <paramref name="now"/>.</summary>
        public void Settle(DateTimeOffset now)
        {
            if (Known <= Last)
            {
                HoleSince = null;
                WholeAt = now;
            }
            else
                HoleSince ??= now;
        }
    }

    private readonly Dictionary<(string Publisher, string Scope), Stream> _streams = [];
    private readonly Lock _gate = new();

    /// <summary>Whether this node has listened to the other nodes without a break since it started.</summary>
    private bool _unbroken = true;

    /// <summary>
    /// The node stopped hearing the other nodes for a while (Redis was lost). From now on a stream
    /// first heard past its start may have sent messages that this node's clients need, so the
    /// numbers before it are a hole to fill like any other.
    /// </summary>
    public void Broken()
    {
        lock (_gate) _unbroken = false;
    }

    /// <summary>A stream first heard at <paramref name="last"/>: its start, or a hole from the beginning (see <see cref="Broken"/>).</summary>
    private Stream FirstHeard(long last, DateTimeOffset now) => _unbroken
        ? new Stream { CompleteAfter = last, Last = last, Known = last, QuietBefore = last, Heard = now, WholeAt = now }
        : new Stream { Known = last, Heard = now, WholeAt = now, HoleSince = last > 0 ? now : null };

    /// <summary>
    /// Takes a message of a stream (this node's own, or relayed). Answers the messages that may go
    /// to the clients now, in order — none when it waits past a hole, several when it fills one —
    /// and whether a hole is open in the stream after it.
    /// </summary>
    public (IReadOnlyList<ScopedMessage> Ready, bool Hole) Take(string publisher, ScopedMessage message)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_streams.TryGetValue((publisher, message.Scope), out var stream))
                _streams[(publisher, message.Scope)] = stream = FirstHeard(message.Seq - 1, now);
            stream.Heard = now;
            stream.Known = Math.Max(stream.Known, message.Seq);
            if (message.Seq <= stream.Last)
                return ([], stream.HoleSince is not null);
            stream.Waiting[message.Seq] = message.Items;
            var ready = Drain(stream, message.Scope, now);
            stream.Settle(now);
            Trim(stream, now);
            return (ready, stream.HoleSince is not null);
        }
    }

    /// <summary>Hands on the waiting messages that now follow the last one without a hole.</summary>
    private static List<ScopedMessage> Drain(Stream stream, string scope, DateTimeOffset now)
    {
        var ready = new List<ScopedMessage>();
        while (stream.Waiting.Remove(stream.Last + 1, out var items))
        {
            stream.Hand(stream.Last + 1, now, items);
            ready.Add(new ScopedMessage(scope, stream.Last, items));
        }
        return ready;
    }

    /// <summary>A publisher says where its stream for a scope stands; true when this node lacks some of it.</summary>
    public bool Confirm(string publisher, string scope, long last)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_streams.TryGetValue((publisher, scope), out var stream))
            {
                stream = _streams[(publisher, scope)] = FirstHeard(last, now);
                return stream.HoleSince is not null;
            }
            stream.Heard = now;
            stream.Known = Math.Max(stream.Known, last);
            stream.Settle(now);
            return stream.HoleSince is not null;
        }
    }

    /// <summary>The holes to ask their publishers to fill: the numbers after Last up to Known.</summary>
    public IReadOnlyList<(string Publisher, string Scope, long After, long UpTo)> Holes()
    {
        lock (_gate)
            return _streams.Where(s => s.Value.HoleSince is not null)
                .Select(s => (s.Key.Publisher, s.Key.Scope, s.Value.Last, s.Value.Known)).ToList();
    }

    /// <summary>
    /// Gives up the holes open longer than <paramref name="bound"/>, or now those of one publisher
    /// (<paramref name="only"/>, which said it cannot fill them): each stream starts afresh past its
    /// hole and hands on what waited. Answers how many streams were given up, and what may go to the
    /// clients now, per publisher.
    /// </summary>
    public (int Streams, IReadOnlyList<(string Publisher, ScopedMessage Message)> Ready) GiveUp(TimeSpan bound, string? only = null)
    {
        var now = clock.GetUtcNow();
        var streams = 0;
        var ready = new List<(string, ScopedMessage)>();
        lock (_gate)
            foreach (var ((publisher, scope), stream) in _streams)
            {
                if (stream.HoleSince is not { } since || (only is null ? now - since < bound : only != publisher))
                    continue;
                streams++;
                // Past the first missing number; then whatever follows without a hole, and so on.
                while (stream.Known > stream.Last)
                {
                    var next = stream.Waiting.Count > 0 ? stream.Waiting.Keys.First() : stream.Known + 1;
                    stream.RestartAfter(next - 1);
                    ready.AddRange(Drain(stream, scope, now).Select(m => (publisher, m)));
                }
                stream.Settle(now);
            }
        return (streams, ready);
    }

    /// <summary>
    /// The messages numbered after <paramref name="after"/> up to <paramref name="upTo"/> of a
    /// stream, to send again to a node that missed them; null when they are not all held any more.
    /// </summary>
    public IReadOnlyList<ScopedMessage>? Held(string publisher, string scope, long after, long upTo)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue((publisher, scope), out var stream))
                return null;
            Trim(stream, clock.GetUtcNow());
            if (after < stream.CompleteAfter || upTo > stream.Last)
                return null;
            return stream.Messages.Where(m => m.Seq > after && m.Seq <= upTo)
                .Select(m => new ScopedMessage(scope, m.Seq, m.Items)).ToList();
        }
    }

    /// <summary>The newest version of each entity changed after message <paramref name="since"/>, and the last number; null when the window does not reach back that far.</summary>
    public (IReadOnlyList<ChangeItem> Items, long Last)? After(string publisher, string scope, long since)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue((publisher, scope), out var stream))
                return null;
            Trim(stream, clock.GetUtcNow());
            if (since == 0 && stream.QuietBefore == stream.CompleteAfter)
                since = stream.CompleteAfter;
            if (since < stream.CompleteAfter || since > stream.Last)
                return null;
            var newest = new Dictionary<(string, string), ChangeItem>();
            foreach (var (seq, _, items) in stream.Messages)
                if (seq > since)
                    foreach (var item in items)
                        if (!newest.TryGetValue((item.Type, item.Id), out var held) || held.Version < item.Version)
                            newest[(item.Type, item.Id)] = item;
            return (newest.Values.ToList(), stream.Last);
        }
    }

    /// <summary>Where every stream of a scope stands for this node's clients.</summary>
    public Dictionary<string, long> Positions(string scope)
    {
        lock (_gate)
            return _streams.Where(s => s.Key.Scope == scope).ToDictionary(s => s.Key.Publisher, s => s.Value.Last);
    }

    /// <summary>
    /// Until when this node is sure it received everything a publisher sent; null for a publisher
    /// it never heard. A publisher's messages come over one connection in order, so without a hole
    /// that is the last time any of its streams was heard; with one, the last time that stream was
    /// whole. What the publisher accepted after it may never have reached this node.
    /// </summary>
    public DateTimeOffset? WholeUntil(string publisher)
    {
        lock (_gate)
        {
            var streams = _streams.Where(s => s.Key.Publisher == publisher).Select(s => s.Value).ToList();
            if (streams.Count == 0)
                return null;
            var holed = streams.Where(s => s.HoleSince is not null).ToList();
            return holed.Count > 0 ? holed.Min(s => s.WholeAt) : streams.Max(s => s.Heard);
        }
    }

    /// <summary>Forgets publishers silent for longer than the window: a node gone for good.</summary>
    public void ForgetSilent()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
            foreach (var (key, stream) in _streams.ToList())
            {
                Trim(stream, now);
                if (stream.Messages.Count == 0 && stream.Waiting.Count == 0 && now - stream.Heard > options.CatchUpWindow)
                    _streams.Remove(key);
            }
    }

    private void Trim(Stream stream, DateTimeOffset now)
    {
        while (stream.Messages.First is { } oldest &&
               (now - oldest.Value.At > options.CatchUpWindow || stream.ItemCount > options.CatchUpItems))
        {
            stream.ItemCount -= oldest.Value.Items.Count;
            stream.CompleteAfter = oldest.Value.Seq;
            stream.Messages.RemoveFirst();
        }
    }
}
