using Npgsql;

namespace Situation.Storage.Postgres;

/// <summary>
/// Applies the project's PostgreSQL schema (Sql/postgresql.sql): the tables and the OrleansQuery rows
/// that Orleans' ADO.NET clustering and storage providers need. The script is idempotent and runs in
/// one transaction behind an advisory lock, so nodes that start together may all apply it.
/// </summary>
public static class PostgresSchema
{
    public static string Script()
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream("Situation.Storage.postgresql.sql")
                           ?? throw new InvalidOperationException("The PostgreSQL schema script is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var apply = new NpgsqlCommand(Script(), connection);
        await apply.ExecuteNonQueryAsync(cancellationToken);
    }
}
