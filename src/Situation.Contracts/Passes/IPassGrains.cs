using Situation.Contracts.Directives;
using Situation.Contracts.Model;

namespace Situation.Contracts.Passes;

/// <summary>An enterprise's repair crews, keyed by the enterprise's code: its own accounts keep them.</summary>
[Alias("situation.ICrewsGrain")]
public interface ICrewsGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.AlwaysInterleave, Alias("Crews")] Task<CrewView[]> Crews();

    /// <summary>Adds or replaces a crew; members already in it keep their declarations.</summary>
    [Alias("Save")] Task<DirectiveWrite<CrewView>> Save(string crewId, CrewDefinition crew, Actor actor);

    /// <summary>A member made their health declaration for a day (clause 3.2c).</summary>
    [Alias("Declare")] Task<DirectiveWrite<CrewView>> Declare(string crewId, string memberId, DateOnly day, Actor actor);
}

/// <summary>One pass, keyed by its id.</summary>
[Alias("situation.IPassGrain")]
public interface IPassGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.AlwaysInterleave, Alias("Get")] Task<PassView?> Get();

    /// <summary>The enterprise asks for passage (already checked: its crew, members declared today, the zones and checkpoints).</summary>
    [Alias("Apply")] Task<DirectiveWrite<PassView>> Apply(PassApplication application, Actor actor);

    /// <summary>The district committee grants (the pass is signed) or refuses it, saying why.</summary>
    [Alias("Decide")] Task<DirectiveWrite<PassView>> Decide(bool grant, string? reason, Actor actor);

    [Alias("Revoke")] Task<DirectiveWrite<PassView>> Revoke(string reason, Actor actor);

    /// <summary>A checkpoint officer records the crew crossing; the same crossing sent again is kept once.</summary>
    [Alias("RecordCrossing")] Task<DirectiveWrite<PassView>> RecordCrossing(PassCrossing crossing, Actor actor);
}

/// <summary>The province's passes: their read side (lists, the revocation list, who is inside which zone) and the live feed's <c>pass</c> and <c>crossing</c> items.</summary>
[Alias("situation.IPassBoardGrain")]
public interface IPassBoardGrain : IGrainWithStringKey
{
    public const string Key = "province";

    [Alias("PassChanged")] Task PassChanged(PassView pass, PassCrossing? crossing);

    [Orleans.Concurrency.AlwaysInterleave, Alias("List")] Task<PassView[]> List();

    /// <summary>Passes revoked whose window has not ended: what a checkpoint keeps to refuse them offline.</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("Revoked")] Task<RevokedPass[]> Revoked();
}

/// <summary>
/// The keys that sign passes (ECDSA P-256). One signs; the ones before it stay published until every
/// pass they signed has expired, so that a rotation never invalidates a pass already carried.
/// </summary>
[Alias("situation.IPassKeysGrain")]
public interface IPassKeysGrain : IGrainWithStringKey
{
    public const string Key = "province";

    /// <summary>Signs a token's claims (base64url) with the current key, kept published until <paramref name="validUntil"/>: its id and the signature (r‖s, 64 bytes).</summary>
    [Alias("Sign")] Task<(string Kid, byte[] Signature)> Sign(string encodedClaims, DateTimeOffset validUntil);

    [Orleans.Concurrency.AlwaysInterleave, Alias("Published")] Task<PassKey[]> Published();

    /// <summary>A new key signs from now on; the old one is retired, still published while passes it signed are valid.</summary>
    [Alias("Rotate")] Task<PassKey> Rotate(Actor actor);
}
