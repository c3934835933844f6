using Situation.Contracts.Model;

namespace Situation.Contracts.Accounts;

/// <summary>
/// Who may see an item that not everyone signed in sees — an incident, a crew, a pass and its
/// crossings — in lists, by id and on the live feed alike. The enterprise it belongs to sees it
/// through its own accounts and keys; the committee of <see cref="District"/> sees it; the officers
/// of <see cref="Checkpoints"/> (in that district) see it; leaders, administrators and utilities acting for no
/// company see everything. <see cref="OpenToDeciders"/> opens it to every district committee and
/// checkpoint officer (a crew: whoever decides or checks a pass may need to know who is in it).
/// Everyone else — another enterprise above all — does not see it.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.audience")]
public sealed record Audience(
    [property: Id(0)] string Organisation,
    [property: Id(1)] string? District = null,
    [property: Id(2)] string[]? Checkpoints = null,
    [property: Id(3)] bool OpenToDeciders = false)
{
    public bool Admits(Actor actor) => actor switch
    {
        { Role: Roles.Operator or Roles.Agency or Roles.Utility, Scope: { } organisation } => organisation == Organisation,
        { Role: Roles.District, Scope: { } district } => OpenToDeciders || district == District,
        { Role: Roles.Checkpoint } => OpenToDeciders || (Checkpoints ?? []).Any(c => WriteGate.OfficerAt(actor, c, District)),
        { Role: Roles.Leader or Roles.Admin or Roles.Utility } => true,
        _ => false,
    };

    /// <summary>An enterprise's crews: its own, and every committee and officer that decides or checks passes.</summary>
    public static Audience OfCrews(string enterpriseId) => new(enterpriseId, OpenToDeciders: true);
}
