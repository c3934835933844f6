namespace Situation.Storage.Sqlite;

public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; its folder is created when missing.</summary>
    public string DatabasePath { get; set; } = "data/situation.db";

    /// <summary>How many queued writes one transaction may carry.</summary>
    public int MaxWritesPerTransaction { get; set; } = 512;
}
