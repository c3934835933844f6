using Microsoft.Data.Sqlite;

namespace Situation.Storage.Sqlite;

internal static class SqliteSchema
{
    /// <summary>
    /// WAL lets readers go on while the writer commits; synchronous=FULL makes every acknowledged
    /// commit survive a crash of the process or of the machine.
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }

    public static void Ensure(string connectionString)
    {
        using var connection = OpenAsync(connectionString).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                payload    BLOB NOT NULL,
                etag       INTEGER NOT NULL,
                written_at TEXT NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }
}
