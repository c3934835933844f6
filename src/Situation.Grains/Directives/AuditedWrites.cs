using Situation.Contracts.Audit;
using Situation.Contracts.Grains;

namespace Situation.Grains.Directives;

/// <summary>The one way the directives' grains store a change: the state and its audit record in one write, undone in memory when the write fails.</summary>
public static class AuditedWrites
{
    public static async Task Store<TState>(IPersistentState<TState> state, AuditedChange change, Action undo, string what) where TState : AuditedState
    {
        state.State.LastChange = change;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error)
        {
            // Nothing that was not stored may be shown.
            undo();
            if (error is Orleans.Storage.InconsistentStateException) throw;
            throw new StorageUnavailableException($"The {what} could not be stored ({error.GetType().Name})");
        }
        finally
        {
            state.State.LastChange = null;
        }
    }
}
