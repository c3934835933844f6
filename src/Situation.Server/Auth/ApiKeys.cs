using System.Security.Cryptography;
using System.Text;

namespace Situation.Server.Auth;

/// <summary>
/// The shape of an operator feed's key: <c>sit.&lt;id&gt;.&lt;secret&gt;</c>. The id is public and
/// names the key in lists and the audit trail; the secret is 256 random bits shown once and kept
/// only as its SHA-256.
/// </summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";
    private const string Prefix = "sit";

    public static (string Id, string Key, byte[] SecretHash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}.{id}.{secret}", Hash(secret));
    }

    public static bool TryParse(string? key, out string id, out byte[] secretHash)
    {
        id = "";
        secretHash = [];
        var parts = key?.Split('.');
        if (parts is not [Prefix, var keyId, { Length: 64 } secret] || !IsId(keyId) || !IsHex(secret))
            return false;
        id = keyId;
        secretHash = Hash(secret);
        return true;
    }

    /// <summary>A key id's shape (12 lowercase hex digits), checked before any grain is touched.</summary>
    public static bool IsId(string id) => id.Length == 12 && IsHex(id);

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));
}
