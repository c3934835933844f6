using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Situation.Contracts.Passes;

namespace Situation.Tests.Passes;

/// <summary>One token shown at a checkpoint, with what the device knows then, and what the server's rules make of it.</summary>
public sealed record PassTokenCase(
    string Name, string Token, PassKey[] Keys, string[] Revoked, string CheckpointId, string[] CheckpointZones,
    [property: JsonPropertyName("nowMs")] long NowMs, string Expected);

/// <summary>
/// Tokens signed by the server's own composition (<see cref="PassToken"/>) for every verdict a
/// checkpoint can reach, so that the officer's page (<c>web/src/passes/passToken.ts</c>) is checked
/// against the same cases as the server: what one accepts or refuses, the other must too.
/// </summary>
public static class PassTokenCases
{
    public static IReadOnlyList<PassTokenCase> Build()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = signer.ExportParameters(false).Q;
        const string kid = "k20210202";
        var key = new PassKey(kid, Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y), DateTimeOffset.UnixEpoch, null, null);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var strangerPoint = stranger.ExportParameters(false).Q;
        var impostor = key with { X = Base64Url.EncodeToString(strangerPoint.X), Y = Base64Url.EncodeToString(strangerPoint.Y) };

        var from = new DateTimeOffset(2021, 2, 2, 8, 0, 0, TimeSpan.FromHours(7));
        var claims = new PassClaims("pass-0001", "viettel", ["Nguyễn Văn Thành", "Rơ Châm Đức"], "81C-123.45", "622",
            ["zone-622-a", "zone-622-b"], ["cp-622-01"], from.ToUnixTimeSeconds(), from.AddHours(8).ToUnixTimeSeconds());
        string Sign(PassClaims c, ECDsa by)
        {
            var encoded = PassToken.EncodeClaims(c);
            return PassToken.Compose(kid, encoded, by.SignData(PassToken.SigningInput(kid, encoded), HashAlgorithmName.SHA256));
        }
        var token = Sign(claims, signer);
        var parts = token.Split('.');
        var otherClaims = PassToken.EncodeClaims(claims with { ZoneIds = ["zone-623-a"] });
        var inside = from.AddHours(1).ToUnixTimeMilliseconds();
        string[] zones = ["zone-622-a"];

        PassTokenCase Case(string name, string shown, string expected, long? now = null, string checkpoint = "cp-622-01", string[]? guarded = null,
            string[]? revoked = null, PassKey[]? keys = null) =>
            new(name, shown, keys ?? [key], revoked ?? [], checkpoint, guarded ?? zones, now ?? inside, expected);

        return
        [
            Case("valid at its checkpoint inside its window", token, "valid"),
            Case("valid with spaces around it, as typed", $"  {token}\n", "valid"),
            Case("claims changed after signing", $"{parts[0]}.{parts[1]}.{otherClaims}.{parts[3]}", "bad_signature"),
            Case("signed by a key that is not the published one", Sign(claims, stranger), "bad_signature"),
            Case("the published key replaced by another under the same id", token, "bad_signature", keys: [impostor]),
            Case("a key the device does not hold", token, "unknown_key", keys: []),
            Case("revoked", token, "revoked", revoked: ["pass-0001"]),
            Case("before its window opens", token, "not_yet_valid", now: from.AddSeconds(-1).ToUnixTimeMilliseconds()),
            Case("the last second of its window", token, "valid", now: from.AddHours(8).AddSeconds(-1).ToUnixTimeMilliseconds()),
            Case("at the end of its window", token, "expired", now: from.AddHours(8).ToUnixTimeMilliseconds()),
            Case("at another checkpoint of its zones", token, "wrong_checkpoint", checkpoint: "cp-622-02"),
            Case("at a checkpoint of other zones", token, "wrong_zone", checkpoint: "cp-623-01", guarded: ["zone-623-a"]),
            Case("three parts", $"{parts[0]}.{parts[1]}.{parts[2]}", "malformed"),
            Case("another version", $"SP9.{parts[1]}.{parts[2]}.{parts[3]}", "malformed"),
            Case("a signature that is not base64url", $"{parts[0]}.{parts[1]}.{parts[2]}.{parts[3][..^2]}*!", "malformed"),
            Case("not a pass at all", "https://example.org/not-a-pass", "malformed"),
        ];
    }

    /// <summary>What the server's rules make of a case.</summary>
    public static string ServerVerdict(PassTokenCase c) =>
        PassToken.Verify(c.Token, c.Keys, c.Revoked.ToHashSet(), c.CheckpointId, c.CheckpointZones, DateTimeOffset.FromUnixTimeMilliseconds(c.NowMs)).Result;
}
