using Situation.Contracts.Accounts;
using Situation.Contracts.Views;

namespace Situation.Grains.Live;

/// <summary>
/// One accepted change on its way to the dashboards: what the `changes` message carries for it
/// (type, id, version, deleted, the view as data), the districts whose subscribers must see it, and —
/// for what not everyone sees (incidents, crews, passes) — who may (<see cref="Audience"/>; null: everyone).
/// </summary>
public sealed record LiveChange(string Type, string Id, long Version, bool Deleted, object? Data, IReadOnlyList<string> DistrictIds, Audience? Audience = null)
{
    public static LiveChange Of(EntityView view) => new(view.EntityType, view.Id, view.Version, Deleted: false, view, view.ScopeDistrictIds);

    /// <summary>A flag raised, changed or (deleted) cleared, for the subscribers of its district and the province.</summary>
    public static LiveChange OfFlag(FlagView flag, bool deleted) =>
        new("flag", flag.Id, flag.Version, deleted, deleted ? null : flag, flag.DistrictId is { } district ? [district] : []);
}
