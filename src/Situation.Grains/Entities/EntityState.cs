using Situation.Contracts.Views;

namespace Situation.Grains.Entities;

/// <summary>The persisted state of one entity grain: its current view, or null before it exists.</summary>
[GenerateSerializer, Alias("situation.entity-state`1")]
public sealed class EntityState<TView> where TView : EntityView
{
    [Id(0)] public TView? Current { get; set; }
}
