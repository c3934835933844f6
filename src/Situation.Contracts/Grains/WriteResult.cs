using Situation.Contracts.Views;

namespace Situation.Contracts.Grains;

public enum WriteOutcome
{
    Created,
    Changed,
    /// <summary>The report repeated the current state: only lastReportAt moved, the version did not.</summary>
    Heartbeat,
    /// <summary>A definition identical to the stored one: nothing was written.</summary>
    Unchanged,
    /// <summary>The report was older than the last one accepted and was ignored.</summary>
    Outdated,
    NotFound,
    /// <summary>The entity already exists and the call may only create.</summary>
    AlreadyExists,
    /// <summary>The actor may not make this change (<see cref="Accounts.WriteGate"/>); nothing was written.</summary>
    Forbidden,
    /// <summary>The write does not apply to the entity as it is (evidence for what the platform decides itself); nothing was written.</summary>
    Conflict,
}

/// <summary>What a write did and the entity's view after it; for a refusal, whose the entity is (or would be).</summary>
[GenerateSerializer, Immutable, Alias("situation.write-result`1")]
public sealed record WriteResult<TView>([property: Id(0)] WriteOutcome Outcome, [property: Id(1)] TView? View, [property: Id(2)] string? Owner = null)
    where TView : EntityView;
