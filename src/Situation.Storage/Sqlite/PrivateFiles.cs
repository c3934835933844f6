namespace Situation.Storage.Sqlite;

/// <summary>
/// The data folder and its database file hold password and API key hashes and the whole audit
/// trail: only the server's own user may open them. SQLite gives its WAL and shared-memory files
/// the database file's permissions, so creating that file owner-only covers them too.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the database's folder and file owner-only, or makes existing ones so.</summary>
    public static void Prepare(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, OwnerFolder);
        File.SetUnixFileMode(folder, OwnerFolder);
        if (!File.Exists(databasePath))
            using (new FileStream(databasePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile })) { }
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
            if (File.Exists(file))
                File.SetUnixFileMode(file, OwnerFile);
    }
}
