using System.Text.Json;
using Situation.Contracts.Entities;
using Situation.Contracts.History;
using Situation.Contracts.Json;
using Situation.Contracts.Views;
using Situation.Grains.Flags;
using Situation.Server.Api.Json;

namespace Situation.Server.History;

/// <summary>The picture at a past moment: every entity as it then was, and the flags then open.</summary>
public sealed record PastPicture(DateTimeOffset At, ILookup<string, EntityView> Entities, FlagView[] Flags);

/// <summary>
/// Replay (README "History"): the newest snapshot at or before the moment, then the records after
/// it up to the moment, folded — each entity at its highest version then, each flag as its last
/// record then left it. Reads only the durable records, never the live grains.
/// </summary>
public sealed class Replay(IHistoryStore store)
{
    private static readonly Dictionary<string, Type> Views = EntityTable.All.ToDictionary(e => e.Type, e => e.View);

    public async Task<PastPicture> At(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var fold = new PictureFold();
        var snapshot = await store.LatestSnapshot(at);
        if (snapshot is not null)
        {
            var (entities, flags) = await store.Of(snapshot, bodies: true, cancellationToken);
            fold.Take(entities);
            fold.Take(flags);
        }
        var (after, flagsAfter) = await store.Between(snapshot?.At, at, HistorySnapshots.EntityTypes, bodies: true, cancellationToken);
        fold.Take(after);
        fold.Take(flagsAfter);
        var views = fold.Entities.Select(View).OrderBy(v => v.Id, StringComparer.Ordinal).ToLookup(v => v.EntityType);
        return new PastPicture(at, views, FlagGather.Order(fold.OpenFlags.Select(Flag)));
    }

    /// <summary>The view an audit record's body holds (a row read with its body, not a removal).</summary>
    public static EntityView View(EntityRow row) => (EntityView)JsonSerializer.Deserialize(row.Body!, Views[row.Type], RecordedViewJson.Options)!;

    /// <summary>The flag a flag record's body holds (a record read with its body, not a clearing).</summary>
    public static FlagView Flag(FlagRow row) => JsonSerializer.Deserialize<FlagView>(row.Body!, ApiJson.Options)!;
}
