namespace Situation.Contracts.Storage;

/// <summary>
/// The stored states of many grains of one kind, read in one pass straight from the grain storage,
/// without activating a grain: what each would read on its own activation. The read side rebuilds
/// from it after a restart, so a province of 150,000 sites does not wake 150,000 grains to be shown.
/// </summary>
public interface IStoredStates
{
    /// <summary>
    /// The stored state of each grain that has one, under the state name its grain stores it with
    /// (<c>[PersistentState(name)]</c>); a grain with no stored state is left out.
    /// </summary>
    Task<IReadOnlyList<(GrainId Grain, T State)>> ReadMany<T>(string stateName, IReadOnlyList<GrainId> grains);
}
