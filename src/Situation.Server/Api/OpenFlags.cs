using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Views;
using Situation.Grains.Flags;

namespace Situation.Server.Api;

/// <summary>
/// Every open flag, as every answer lists them (the flags list, the snapshot, the exports): the map's
/// from the flag engine and the directives' from the compliance grain, in one order.
/// </summary>
public static class OpenFlags
{
    public static async Task<FlagView[]> List(IGrainFactory grains, string? district, string? kind)
    {
        var map = FlagKind.IsDirectives(kind) ? Task.FromResult<FlagView[]>([]) : grains.GetGrain<IFlagsGrain>(IFlagsGrain.Key).List(district, kind);
        var directives = kind is null || FlagKind.IsDirectives(kind)
            ? grains.GetGrain<IComplianceGrain>(IComplianceGrain.Key).Flags(district, kind)
            : Task.FromResult<FlagView[]>([]);
        return FlagGather.Order((await map).Concat(await directives));
    }
}
