using System.Collections.Concurrent;

namespace Situation.Contracts.Grains;

/// <summary>
/// Grain references for the hot paths (a storm's reports, the index's hand-offs, the flag partitions).
/// Orleans reads a grain interface's attributes each time it makes a reference from the interface's
/// type, 3–7 % of a node's samples under back-to-back batches when made per report; here the grain
/// type and interface type it resolves to are kept per interface, and later references are made from
/// them and the key.
/// </summary>
public static class GrainReferences
{
    private static readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> Resolved = new();

    /// <summary>The grain of <typeparamref name="TGrain"/> with this key.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
        => (TGrain)grains.Reference(typeof(TGrain), key);

    /// <summary>The grain of this string-keyed grain interface with this key.</summary>
    public static IAddressable Reference(this IGrainFactory grains, Type grainInterface, string key)
    {
        if (Resolved.TryGetValue(grainInterface, out var types))
            return grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        var reference = (GrainReference)grains.GetGrain(grainInterface, key);
        Resolved.TryAdd(grainInterface, (reference.GrainId.Type, reference.InterfaceType));
        return reference;
    }
}
