namespace Situation.Contracts.History;

/// <summary>
/// Folds history records into the picture of one moment: each entity at its highest version, each
/// flag at its last record. Fed a snapshot's records and then those after it, in the order stored,
/// it holds what was true at the end of them; plain C#, so replay and the snapshots agree by construction.
/// </summary>
public sealed class PictureFold
{
    private readonly Dictionary<(string Type, string Id), EntityRow> _entities = [];
    private readonly Dictionary<string, FlagRow> _flags = new(StringComparer.Ordinal);

    public void Take(IEnumerable<EntityRow> rows)
    {
        foreach (var row in rows)
            if (!_entities.TryGetValue((row.Type, row.Id), out var held) || held.Version <= row.Version)
                _entities[(row.Type, row.Id)] = row;
    }

    /// <summary>Flag records in the order they happened: a later one says what the flag is now.</summary>
    public void Take(IEnumerable<FlagRow> rows)
    {
        foreach (var row in rows)
            _flags[row.FlagId] = row;
    }

    /// <summary>The entities that existed: the newest version of each, unless that version removed it.</summary>
    public IEnumerable<EntityRow> Entities => _entities.Values.Where(e => !e.Removed);

    /// <summary>The flags open: those whose last record raised or changed them.</summary>
    public IEnumerable<FlagRow> OpenFlags => _flags.Values.Where(f => !f.Deleted);

    public HistorySnapshot Snapshot(DateTimeOffset at) =>
        new(at, [.. Entities.Select(e => e.Seq).Order()], [.. OpenFlags.Select(f => f.Seq).Order()]);
}
