using System.Buffers.Text;
using System.Security.Cryptography;
using Situation.Contracts.Audit;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;

namespace Situation.Grains.Passes;

/// <summary>A signing key: its public part as published, and its private part (PKCS #8), which never leaves this grain.</summary>
[GenerateSerializer, Alias("situation.pass-signing-key")]
public sealed record PassSigningKey([property: Id(0)] PassKey Public, [property: Id(1)] byte[] Pkcs8);

[GenerateSerializer, Alias("situation.pass-keys-state")]
public sealed class PassKeysState : AuditedState
{
    /// <summary>Every key still published, the one that signs last.</summary>
    [Id(0)] public List<PassSigningKey> Keys { get; set; } = [];
    /// <summary>Grows with every rotation: the version its audit record carries.</summary>
    [Id(1)] public long Version { get; set; }
}

/// <summary>
/// The keys that sign passes. The first signature makes the first key; a rotation makes a new one and
/// retires the old, which stays published until the last pass it signed has expired. The private
/// keys live in this grain's stored state, as the accounts' password hashes live in theirs.
/// </summary>
public sealed class PassKeysGrain(
    [PersistentState("pass-keys", "Default")] IPersistentState<PassKeysState> state,
    TimeProvider clock) : Grain, IPassKeysGrain
{
    public const string AuditType = "pass-keys";

    private ECDsa? _signer;

    public async Task<(string Kid, byte[] Signature)> Sign(string encodedClaims, DateTimeOffset validUntil)
    {
        if (state.State.Keys.Count == 0)
            await AddKey();
        var current = state.State.Keys[^1];
        // A key stays published as long as a pass it signed can still be shown.
        if (current.Public.PublishedUntil is not { } until || until < validUntil)
        {
            state.State.Keys[^1] = current = current with { Public = current.Public with { PublishedUntil = validUntil } };
            await state.WriteStateAsync();
        }
        if (_signer is null)
        {
            _signer = ECDsa.Create();
            _signer.ImportPkcs8PrivateKey(current.Pkcs8, out _);
        }
        var input = PassToken.SigningInput(current.Public.Kid, encodedClaims);
        return (current.Public.Kid, _signer.SignData(input, HashAlgorithmName.SHA256));
    }

    public Task<PassKey[]> Published()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(state.State.Keys.Where(k => k.Public.RetiredAt is null || k.Public.PublishedUntil > now).Select(k => k.Public).ToArray());
    }

    public async Task<PassKey> Rotate(Actor actor)
    {
        var now = clock.GetUtcNow();
        var before = ViewJson.Write(state.State.Keys.Select(k => k.Public).ToArray());
        for (var i = 0; i < state.State.Keys.Count; i++)
            if (state.State.Keys[i].Public.RetiredAt is null)
                state.State.Keys[i] = state.State.Keys[i] with { Public = state.State.Keys[i].Public with { RetiredAt = now } };
        // Keys no pass can need any more are let go.
        state.State.Keys.RemoveAll(k => k.Public.RetiredAt is not null && (k.Public.PublishedUntil ?? k.Public.RetiredAt) < now);
        var added = NewKey();
        // A rotation is in the audit trail with the public keys before and after (never the private ones).
        state.State.Version++;
        state.State.LastChange = AuditedChange.Of(AuditType, IPassKeysGrain.Key, actor, "rotate", state.State.Version, now, before,
            ViewJson.Write(state.State.Keys.Select(k => k.Public).ToArray()));
        try { await state.WriteStateAsync(); }
        finally { state.State.LastChange = null; }
        return added;
    }

    private async Task AddKey()
    {
        NewKey();
        await state.WriteStateAsync();
    }

    private PassKey NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var kid = $"k{clock.GetUtcNow():yyyyMMddHHmmss}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
        var added = new PassKey(kid, Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y), clock.GetUtcNow(), RetiredAt: null, PublishedUntil: null);
        state.State.Keys.Add(new PassSigningKey(added, key.ExportPkcs8PrivateKey()));
        _signer?.Dispose();
        _signer = null;
        return added;
    }
}
