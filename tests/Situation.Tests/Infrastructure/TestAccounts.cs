namespace Situation.Tests.Infrastructure;

/// <summary>The credentials every test server starts with (the demo accounts, or the cluster's admin).</summary>
public static class TestAccounts
{
    public const string Password = "test-password-1";

    /// <summary>What every test server's Prometheus scrape token is.</summary>
    public const string ScrapeToken = "test-scrape-token-0123456789";

    /// <summary>The signing key nodes of one test cluster share, as a real cluster is configured.</summary>
    public const string ClusterSigningKey = "c2l0dWF0aW9uLXRlc3QtY2x1c3Rlci1zaWduaW5nLWtleS0zMmI=";
}
