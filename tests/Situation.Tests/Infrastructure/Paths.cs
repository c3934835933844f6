namespace Situation.Tests.Infrastructure;

/// <summary>Where the repository, the built server and the province pack are.</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string ServerDll => Path.Combine(RepositoryRoot, "src", "Situation.Server", "bin", Configuration, "net10.0", "Situation.Server.dll");

    /// <summary>The built dashboard (scripts/test.sh builds it with npm), served by every test server.</summary>
    public static string WebRoot => Path.Combine(RepositoryRoot, "web", "dist");

    /// <summary>Where tests leave what a person should look at afterwards (screenshots).</summary>
    public static string Artifacts
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("SITUATION_TEST_ARTIFACTS");
            return Path.GetFullPath(string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "artifacts") : configured);
        }
    }

    /// <summary>The Gia Lai pack: the test script names it; otherwise the shared folder beside the repository.</summary>
    public static string GeoDir
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("SITUATION_TEST_GEODIR");
            var dir = string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "..", "shared", "data", "gialai") : configured;
            if (!File.Exists(Path.Combine(dir, "gialai_districts_2021.geojson")))
                throw new InvalidOperationException($"The province pack is missing at {dir}");
            return Path.GetFullPath(dir);
        }
    }

    public static string NewTempDir(string purpose)
    {
        var dir = Path.Combine(Path.GetTempPath(), "situation-tests", $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(purpose.Length + 13, 60)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Situation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Situation.sln not found above the test binaries");
    }
}
