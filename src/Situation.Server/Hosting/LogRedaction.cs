using System.Text.RegularExpressions;

namespace Situation.Server.Hosting;

/// <summary>
/// Browsers give the hub (and an admin the Orleans Dashboard) their bearer token in the query
/// string, and request logs write query strings out: a token in a log is a sign-in for whoever
/// reads the log. Every line is cleaned of token-bearing query values before it is written.
/// </summary>
public static partial class LogRedaction
{
    public const string Mark = "[redacted]";

    public static string Redact(string text) => text.Contains("token=", StringComparison.OrdinalIgnoreCase) ? TokenValue().Replace(text, Mark) : text;

    [GeneratedRegex(@"(?<=[?&](access_token|token|id_token)=)[^&\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenValue();
}
