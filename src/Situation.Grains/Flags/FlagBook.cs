using Situation.Contracts.Views;

namespace Situation.Grains.Flags;

/// <summary>A flag raised or changed, or cleared (<see cref="Deleted"/>), on its way to the live feed.</summary>
public sealed record FlagChange(FlagView Flag, bool Deleted);

/// <summary>
/// The open flags, keyed by their stable id, and what changed since it was last drained: a flag
/// whose severity, detail or acknowledgements change keeps its id and gets a new version. Versions
/// start from the clock's milliseconds, so they keep growing across a clear, a re-raise and a restart.
/// A flag of a district the book does not own is never raised: another partition raises it.
/// </summary>
internal sealed class FlagBook(TimeProvider clock, Func<string?, bool> owns)
{
    private readonly Dictionary<string, FlagView> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlagView> _remembered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlagChange> _changed = new(StringComparer.Ordinal);

    public IEnumerable<FlagView> Open => _open.Values;

    /// <summary>Flags that were open before a restart: when raised again they keep since, acks and version.</summary>
    public void Remember(IEnumerable<FlagView> flags)
    {
        foreach (var flag in flags)
            _remembered[flag.Id] = flag;
    }

    /// <summary>Flags remembered from before that were not raised again: cleared, and said so.</summary>
    public void ForgetUnraised()
    {
        foreach (var (id, flag) in _remembered)
            _changed[id] = new FlagChange(flag with { Version = NextVersion(id, flag.Version) }, Deleted: true);
        _remembered.Clear();
    }

    public void Raise(string kind, FlagSubject subject, string? districtId, string severity,
        IReadOnlyDictionary<string, double> detail, string[] related)
    {
        var id = FlagView.IdFor(kind, subject.Type, subject.Id);
        if (_open.TryGetValue(id, out var held))
        {
            if (held.Severity == severity && held.DistrictId == districtId && SameDetail(held.Detail, detail) && held.Related.SequenceEqual(related))
                return;
            Put(held with { Severity = severity, DistrictId = districtId, Detail = detail, Related = related, Version = NextVersion(id) });
            return;
        }
        var remembered = _remembered.Remove(id, out var before) ? before : null;
        Put(new FlagView
        {
            Id = id, Kind = kind, Subject = subject, DistrictId = districtId, Severity = severity, Detail = detail, Related = related,
            Since = remembered?.Since ?? clock.GetUtcNow(),
            Acks = remembered?.Acks ?? [],
            Version = NextVersion(id, remembered?.Version ?? 0),
        });
    }

    public void Clear(string kind, FlagSubject subject)
    {
        var id = FlagView.IdFor(kind, subject.Type, subject.Id);
        if (_open.Remove(id, out var held))
            _changed[id] = new FlagChange(held with { Version = NextVersion(id) }, Deleted: true);
    }

    public void Set(bool condition, string kind, FlagSubject subject, string? districtId, string severity,
        IReadOnlyDictionary<string, double>? detail = null, string[]? related = null)
    {
        if (condition && owns(districtId)) Raise(kind, subject, districtId, severity, detail ?? Empty, related ?? []);
        else Clear(kind, subject);
    }

    public FlagView? Acknowledge(string id, string by)
    {
        if (!_open.TryGetValue(id, out var flag))
            return null;
        var acked = flag with { Acks = [.. flag.Acks, new FlagAck(by, clock.GetUtcNow())], Version = NextVersion(id) };
        Put(acked);
        return acked;
    }

    /// <summary>The flags raised, changed or cleared since the last drain, the newest of each.</summary>
    public IReadOnlyList<FlagChange> Drain()
    {
        var changed = _changed.Values.ToList();
        _changed.Clear();
        return changed;
    }

    private long NextVersion(string id, long atLeast = 0)
    {
        var version = Math.Max(Math.Max(_versions.GetValueOrDefault(id), atLeast) + 1, clock.GetUtcNow().ToUnixTimeMilliseconds());
        _versions[id] = version;
        return version;
    }

    private void Put(FlagView flag)
    {
        _open[flag.Id] = flag;
        _changed[flag.Id] = new FlagChange(flag, Deleted: false);
    }

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

    private static bool SameDetail(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v.Equals(e.Value));
}
