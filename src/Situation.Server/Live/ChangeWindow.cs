namespace Situation.Server.Live;

/// <summary>
/// The recent messages of every publisher this node has sent or relayed, per scope, so that a
/// client that missed some asks for exactly those (<c>GET /api/changes</c>) instead of the whole
/// picture. Bounded by age and by items per publisher and scope. A stream this node itself missed
/// part of (a relayed message that skips numbers) starts afresh past the hole: what lies in a hole
/// is never answered as if it were complete.
/// </summary>
public sealed class ChangeWindow(TimeProvider clock, LiveOptions options)
{
    private sealed class Stream
    {
        public readonly LinkedList<(long Seq, DateTimeOffset At, IReadOnlyList<ChangeItem> Items)> Messages = new();
        public long ItemCount;

        /// <summary>Messages after this number are all held (until they age out).</summary>
        public long CompleteAfter;

        public long Last;

        /// <summary>When this stream was last heard of (a message or its publisher's confirmation).</summary>
        public DateTimeOffset Heard;

        /// <summary>Drops what is held: the stream is complete only after <paramref name="seq"/> from now on.</summary>
        public void RestartAfter(long seq)
        {
            Messages.Clear();
            ItemCount = 0;
            CompleteAfter = seq;
        }
    }

    private readonly Dictionary<(string Publisher, string Scope), Stream> _streams = [];
    private readonly Lock _gate = new();

    /// <summary>Keeps a message; false when it skips numbers (this node missed some of that stream).</summary>
    public bool Record(string publisher, string scope, long seq, IReadOnlyList<ChangeItem> items)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_streams.TryGetValue((publisher, scope), out var stream))
                // The first this node hears of a stream: complete only if it is the stream's first message.
                _streams[(publisher, scope)] = stream = new Stream { CompleteAfter = seq - 1, Last = seq - 1 };
            stream.Heard = now;
            if (seq <= stream.Last)
                return true;
            var contiguous = seq == stream.Last + 1;
            if (!contiguous)
                stream.RestartAfter(seq - 1);
            stream.Messages.AddLast((seq, now, items));
            stream.ItemCount += items.Count;
            stream.Last = seq;
            Trim(stream, now);
            return contiguous;
        }
    }

    /// <summary>A publisher says where its stream for a scope stands; numbers this node never got become a hole.</summary>
    public bool Confirm(string publisher, string scope, long last)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_streams.TryGetValue((publisher, scope), out var stream))
            {
                _streams[(publisher, scope)] = new Stream { CompleteAfter = last, Last = last, Heard = now };
                return true;
            }
            stream.Heard = now;
            if (last <= stream.Last)
                return true;
            stream.RestartAfter(last);
            stream.Last = last;
            return false;
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

    /// <summary>Where every stream of a scope stands, as this node knows it.</summary>
    public Dictionary<string, long> Positions(string scope)
    {
        lock (_gate)
            return _streams.Where(s => s.Key.Scope == scope).ToDictionary(s => s.Key.Publisher, s => s.Value.Last);
    }

    /// <summary>Forgets publishers silent for longer than the window: a node gone for good.</summary>
    public void ForgetSilent()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
            foreach (var (key, stream) in _streams.ToList())
            {
                Trim(stream, now);
                if (stream.Messages.Count == 0 && now - stream.Heard > options.CatchUpWindow)
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
