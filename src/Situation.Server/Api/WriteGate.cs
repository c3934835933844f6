using Situation.Contracts.Model;

namespace Situation.Server.Api;

/// <summary>What a write touches, as far as permission is concerned.</summary>
public sealed record WriteTarget(string EntityType, string? DistrictId = null, string? Operator = null);

/// <summary>
/// The one place every write passes before it reaches a grain: it names the caller and will check
/// the caller's role and scope against the target. Until accounts exist every caller may write.
/// </summary>
public sealed class WriteGate
{
    private static readonly Actor Anonymous = new("anonymous");

    public IResult? Refuse(HttpContext context, WriteTarget target, out Actor actor)
    {
        actor = Anonymous;
        return null;
    }
}
