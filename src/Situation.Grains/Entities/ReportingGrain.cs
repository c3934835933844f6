using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

/// <summary>An entity that reports its state and whose staleness (and for sites, upstream) the flag engine derives.</summary>
public abstract class ReportingGrain<TView>(IPersistentState<EntityState<TView>> state, TimeProvider clock)
    : EntityGrain<TView>(state, clock), IReportingGrain where TView : EntityView
{
    private static readonly Actor Platform = new("platform");

    protected abstract DerivedState DerivedOf(TView view);

    protected abstract TView WithDerived(TView view, DerivedState derived);

    public async Task SetDerived(DerivedState derived, long basedOn)
    {
        if (Current is not { } current || current.Version != basedOn || DerivedOf(current) == derived)
            return;
        await Commit(Stamp(WithDerived(current, derived), Platform), WriteOutcome.Changed);
    }
}
