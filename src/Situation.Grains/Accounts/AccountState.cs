using Situation.Contracts.Audit;

namespace Situation.Grains.Accounts;

/// <summary>The persisted state of an account or key grain: the record, or null before it exists.</summary>
[GenerateSerializer, Alias("situation.account-state`1")]
public sealed class AccountState<T> where T : class
{
    [Id(0)] public T? Current { get; set; }
}

internal static class AccountWrites
{
    /// <summary>
    /// Stores the account's next state, then appends its audit record (made from the state before
    /// and after); a failed store leaves the grain as it was.
    /// </summary>
    public static async Task Commit<T>(IPersistentState<AccountState<T>> state, IAuditLog audit, T next, Func<T?, T, AuditRecord> record) where T : class
    {
        var before = state.State.Current;
        state.State.Current = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Current = before;
            throw;
        }
        await audit.Append([record(before, next)]);
    }
}
