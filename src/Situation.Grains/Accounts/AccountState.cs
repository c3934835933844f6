namespace Situation.Grains.Accounts;

/// <summary>The persisted state of an account or key grain: the record, or null before it exists.</summary>
[GenerateSerializer, Alias("situation.account-state`1")]
public sealed class AccountState<T> where T : class
{
    [Id(0)] public T? Current { get; set; }
}
