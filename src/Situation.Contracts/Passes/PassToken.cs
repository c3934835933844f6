using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Situation.Contracts.Model;
using Check = Situation.Contracts.Model.Words.PassCheck;

namespace Situation.Contracts.Passes;

/// <summary>
/// What a pass's token says, in short names so that its QR code stays small: the pass, the
/// enterprise, the members' names, the vehicle, the district, zones and checkpoints, and its window
/// (Unix seconds).
/// </summary>
public sealed record PassClaims(
    [property: JsonPropertyName("p")] string PassId,
    [property: JsonPropertyName("e")] string EnterpriseId,
    [property: JsonPropertyName("m")] string[] Members,
    [property: JsonPropertyName("v")] string? VehiclePlate,
    [property: JsonPropertyName("d")] string DistrictId,
    [property: JsonPropertyName("z")] string[] ZoneIds,
    [property: JsonPropertyName("c")] string[] CheckpointIds,
    [property: JsonPropertyName("nb")] long NotBefore,
    [property: JsonPropertyName("na")] long NotAfter)
{
    public static PassClaims Of(PassView pass) => new(pass.Id, pass.EnterpriseId, [.. pass.Members.Select(m => m.Name)], pass.VehiclePlate, pass.DistrictId,
        pass.ZoneIds, pass.CheckpointIds, pass.ValidFrom.ToUnixTimeSeconds(), pass.ValidUntil.ToUnixTimeSeconds());
}

/// <summary>What a checkpoint makes of a token: valid, or the first reason it is not; the claims once the signature holds.</summary>
public sealed record PassVerdict([property: Words("PassCheck")] string Result, PassClaims? Claims);

/// <summary>
/// The pass token: <c>SP1.&lt;key id&gt;.&lt;claims&gt;.&lt;signature&gt;</c>, the claims as base64url JSON and the
/// signature ECDSA P-256 with SHA-256 (r‖s, as WebCrypto verifies it) over everything before the last
/// dot. The dashboard's officer page checks it the same way (<c>web/src/passes/passToken.ts</c>).
/// </summary>
public static class PassToken
{
    public const string Version = "SP1";

    /// <summary>
    /// Names as UTF-8, not \u escapes: "Nguyễn" is 8 bytes so and 16 escaped, and every byte saved
    /// keeps the QR code smaller. The claims are base64url inside the token, never placed in HTML.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string EncodeClaims(PassClaims claims) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json));

    public static byte[] SigningInput(string kid, string encodedClaims) => Encoding.ASCII.GetBytes($"{Version}.{kid}.{encodedClaims}");

    public static string Compose(string kid, string encodedClaims, byte[] signature) => $"{Version}.{kid}.{encodedClaims}.{Base64Url.EncodeToString(signature)}";

    /// <summary>Checks a token shown at a checkpoint: its signature by a published key, revocation, its window, and that it is for this checkpoint.</summary>
    public static PassVerdict Verify(string token, IReadOnlyCollection<PassKey> keys, IReadOnlySet<string> revoked, string checkpointId,
        IReadOnlyCollection<string> checkpointZones, DateTimeOffset now)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 4 || parts[0] != Version)
            return new(Check.Malformed, null);
        if (keys.FirstOrDefault(k => k.Kid == parts[1]) is not { } key)
            return new(Check.UnknownKey, null);
        byte[] signature;
        try { signature = Base64Url.DecodeFromChars(parts[3]); }
        catch (FormatException) { return new(Check.Malformed, null); }
        using (var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
        }))
            if (!verifier.VerifyData(SigningInput(parts[1], parts[2]), signature, HashAlgorithmName.SHA256))
                return new(Check.BadSignature, null);
        PassClaims? claims;
        try { claims = JsonSerializer.Deserialize<PassClaims>(Base64Url.DecodeFromChars(parts[2]), Json); }
        catch (Exception error) when (error is JsonException or FormatException) { return new(Check.Malformed, null); }
        if (claims is null)
            return new(Check.Malformed, null);
        var at = now.ToUnixTimeSeconds();
        var result = revoked.Contains(claims.PassId) ? Check.Revoked
            : at < claims.NotBefore ? Check.NotYetValid
            : at >= claims.NotAfter ? Check.Expired
            : claims.CheckpointIds.Contains(checkpointId) ? Check.Valid
            : claims.ZoneIds.Intersect(checkpointZones).Any() ? Check.WrongCheckpoint
            : Check.WrongZone;
        return new(result, claims);
    }
}
