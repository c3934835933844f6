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

    /// <summary>
    /// The grain state, the append-only audit trail (triggers refuse any UPDATE or DELETE of it), and
    /// what replay reads beside it: the flag log and the snapshots (README "History"); the kept situation reports.
    /// </summary>
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
            CREATE TABLE IF NOT EXISTS audit (
                seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                at_ms       INTEGER NOT NULL,
                actor       TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id   TEXT NOT NULL,
                version     INTEGER NOT NULL,
                action      TEXT NOT NULL,
                before      TEXT,
                after       TEXT,
                UNIQUE (entity_type, entity_id, version)
            );
            CREATE INDEX IF NOT EXISTS audit_at ON audit (at_ms);
            CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, seq);
            CREATE TABLE IF NOT EXISTS flag_log (
                seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                at_ms   INTEGER NOT NULL,
                flag_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                body    TEXT
            );
            CREATE INDEX IF NOT EXISTS flag_log_at ON flag_log (at_ms);
            CREATE TABLE IF NOT EXISTS history_snapshot (
                at_ms    INTEGER PRIMARY KEY,
                entities BLOB NOT NULL,
                flags    BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS sitrep (
                number       INTEGER PRIMARY KEY AUTOINCREMENT,
                id           TEXT NOT NULL UNIQUE,
                from_ms      INTEGER NOT NULL,
                to_ms        INTEGER NOT NULL,
                generated_ms INTEGER NOT NULL,
                generated_by TEXT NOT NULL,
                scheduled    INTEGER NOT NULL,
                figures      TEXT NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS sitrep_scheduled ON sitrep (from_ms, to_ms) WHERE scheduled = 1;
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """;
        command.ExecuteNonQuery();
    }
}
