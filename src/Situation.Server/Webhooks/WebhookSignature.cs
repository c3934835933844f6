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
}
