using Situation.Contracts.Passes;
using Situation.Grains.Live;

namespace Situation.Grains.Passes;

[GenerateSerializer, Alias("situation.pass-board-state")]
public sealed class PassBoardState
{
    [Id(0)] public Dictionary<string, PassView> Passes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The province's passes at their newest versions: lists, the revocation list that checkpoints keep
/// offline, and the live feed's <c>pass</c> items (and a <c>crossing</c> item for each crossing).
/// Passes whose window ended more than 30 days ago are let go; their grains and the audit trail keep them.
/// </summary>
public sealed class PassBoardGrain(
    [PersistentState("passes", "Default")] IPersistentState<PassBoardState> state,
    IChangeFeed feed,
    TimeProvider clock) : Grain, IPassBoardGrain
{
    public const string PassType = "pass";
    public const string CrossingType = "crossing";

    private static readonly TimeSpan KeptAfterEnd = TimeSpan.FromDays(30);

    private Dictionary<string, PassView> Passes => state.State.Passes;

    public async Task PassChanged(PassView pass, PassCrossing? crossing)
    {
        if (Passes.TryGetValue(pass.Id, out var held) && held.Version >= pass.Version)
            return;
        Passes[pass.Id] = pass;
        var now = clock.GetUtcNow();
        foreach (var old in Passes.Values.Where(p => now - p.ValidUntil > KeptAfterEnd).ToList())
            Passes.Remove(old.Id);
        await state.WriteStateAsync();
        IReadOnlyList<string> districts = [pass.DistrictId];
        feed.Publish(new LiveChange(PassType, pass.Id, pass.Version, Deleted: false, pass, districts, PassView.AudienceOf(pass)));
        if (crossing is not null)
            feed.Publish(new LiveChange(CrossingType, crossing.Id, 1, Deleted: false, new CrossingItem(pass.Id, crossing.CheckpointId, crossing.Direction, crossing.At, crossing.RecordedBy, pass.ZoneIds), districts, PassView.AudienceOf(pass)));
    }

    public Task<PassView[]> List() => Task.FromResult(Passes.Values.ToArray());

    public Task<RevokedPass[]> Revoked()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Passes.Values.Where(p => p.State == Contracts.Model.Words.PassState.Revoked && p.ValidUntil > now)
            .Select(p => new RevokedPass(p.Id, p.DecidedAt ?? p.UpdatedAt, p.ValidUntil)).ToArray());
    }
}
