namespace Situation.Tests.Infrastructure;

/// <summary>The Redis server that scripts/test.sh starts.</summary>
public static class TestRedis
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("SITUATION_TEST_REDIS")
        ?? throw new InvalidOperationException("SITUATION_TEST_REDIS is not set: run the tests through scripts/test.sh");
}
