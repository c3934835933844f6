using Situation.Contracts.Audit;
using Situation.Contracts.History;


namespace Situation.Tests.Storage;

/// <summary>
/// What replay asks of a store, the same of SQLite and PostgreSQL: records come back by time
/// (after the one bound, up to and including the other) and by a snapshot's positions, of the
/// asked types only, with or without their bodies; the newest snapshot at or before a moment.
/// </summary>
public abstract class HistoryStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2021, 2, 2, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<(IAuditLog Audit, IHistoryStore History)> Open();

    protected abstract Task Close();

    private IAuditLog _audit = null!;
    private IHistoryStore _history = null!;

    public async Task InitializeAsync() => (_audit, _history) = await Open();

    public Task DisposeAsync() => Close();

    private static AuditRecord Version(int minute, string type, string id, long version, string? after) =>
        new(T0.AddMinutes(minute), "tester", type, id, version, "report", null, after);

    [Fact]
    public async Task Records_come_back_by_time_and_by_a_snapshots_positions()
    {
        await _audit.Append([
            Version(1, "site", "a", 1, """{"id":"a","version":1}"""),
            Version(2, "user", "someone", 1, """{"name":"someone"}"""),
            Version(3, "site", "a", 2, """{"id":"a","version":2}"""),
            Version(4, "zone", "z", 1, """{"id":"z","version":1}"""),
            Version(6, "zone", "z", 2, null),
        ]);
        await _history.AppendFlags([
            new FlagRecord(T0.AddMinutes(2), "gap.zone.z", 1, false, """{"id":"gap.zone.z"}"""),
            new FlagRecord(T0.AddMinutes(5), "gap.zone.z", 1, true, null),
        ]);

        var (entities, flags) = await _history.Between(T0.AddMinutes(1), T0.AddMinutes(4), ["site", "zone"], bodies: true);
        Assert.Equal([("site", "a", 2L, false), ("zone", "z", 1L, false)], entities.Select(e => (e.Type, e.Id, e.Version, e.Removed)));
        Assert.Equal("""{"id":"a","version":2}""", entities[0].Body);
        Assert.Equal([("gap.zone.z", false)], flags.Select(f => (f.FlagId, f.Deleted)));

        var fold = new PictureFold();
        var (all, allFlags) = await _history.Between(null, T0.AddMinutes(4), ["site", "zone"], bodies: false);
        Assert.All(all, e => Assert.Null(e.Body));
        fold.Take(all);
        fold.Take(allFlags);
        await _history.SaveSnapshot(fold.Snapshot(T0.AddMinutes(4)));
        await _history.SaveSnapshot(new HistorySnapshot(T0.AddMinutes(4), [], []));

        Assert.Null(await _history.LatestSnapshot(T0.AddMinutes(3)));
        var snapshot = (await _history.LatestSnapshot(T0.AddMinutes(30)))!;
        Assert.Equal(T0.AddMinutes(4), snapshot.At);
        var (held, heldFlags) = await _history.Of(snapshot, bodies: true);
        Assert.Equal([("site", "a", 2L), ("zone", "z", 1L)], held.OrderBy(e => e.Type).Select(e => (e.Type, e.Id, e.Version)));
        Assert.Equal(["""{"id":"gap.zone.z"}"""], heldFlags.Select(f => f.Body));

        var after = new PictureFold();
        after.Take(held);
        after.Take(heldFlags);
        var (later, laterFlags) = await _history.Between(snapshot.At, T0.AddMinutes(6), ["site", "zone"], bodies: true);
        after.Take(later);
        after.Take(laterFlags);
        Assert.Equal(["a"], after.Entities.Select(e => e.Id));
        Assert.Empty(after.OpenFlags);
        Assert.Equal(T0.AddMinutes(1), await _history.Earliest(["site", "zone"]));
        Assert.Equal(T0.AddMinutes(2), await _history.Earliest(["user", "checkpoint"]));
    }

    [Fact]
    public async Task A_snapshot_keeps_its_positions_near_and_far_apart()
    {
        long[] entities = [1, 2, 3, 130, 131, 70_000, 5_000_000_000];
        await _history.SaveSnapshot(new HistorySnapshot(T0, entities, [7]));
        var kept = (await _history.LatestSnapshot(null))!;
        Assert.Equal(entities, kept.Entities);
        Assert.Equal([7L], kept.Flags);
        Assert.Null(await _history.Earliest(["site"]));
    }
}
