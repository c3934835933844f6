using Npgsql;

namespace Situation.Tests.Infrastructure;

/// <summary>The PostgreSQL server that scripts/test.sh starts; each test gets a database of its own.</summary>
public static class TestPostgres
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("SITUATION_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SITUATION_TEST_POSTGRES is not set: run the tests through scripts/test.sh");

    public static async Task<string> CreateDatabase(string purpose)
    {
        var name = $"t_{purpose}_{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 34)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }
}
