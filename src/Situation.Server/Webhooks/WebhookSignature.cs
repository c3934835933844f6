using System.Security.Cryptography;
using System.Text;

namespace Situation.Server.Webhooks;

/// <summary>
/// A delivery's signature (README "Webhooks"): <c>X-Situation-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where v1 is HMAC-SHA256 with the webhook's secret over "&lt;t&gt;.&lt;body&gt;" — the time is signed
/// with the body, so a receiver can refuse a delivery replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Situation-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Whether the header signs the body with the secret (compared in constant time).</summary>
    public static bool Verify(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out var seconds) || !parts.TryGetValue("v1", out var given))
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes($"t={t},v1={given}"));
    }
}
