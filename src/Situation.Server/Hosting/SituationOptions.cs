namespace Situation.Server.Hosting;

/// <summary>The <c>Situation</c> configuration section (SPEC §6).</summary>
public sealed class SituationOptions
{
    public const string Section = "Situation";

    /// <summary><c>embedded</c> (one process, SQLite) or <c>cluster</c> (PostgreSQL, several nodes).</summary>
    public string Mode { get; set; } = "embedded";

    public string DataDir { get; set; } = "./data";

    /// <summary>The province pack; when unset, <c>../shared/data/gialai</c> if that folder exists.</summary>
    public string? GeoDir { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this silo at (cluster mode); loopback runs every node on one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public DemoOptions Demo { get; set; } = new();

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest batch of reports accepted in one request.</summary>
    public int MaxBatchReports { get; set; } = 5000;

    public bool IsCluster => string.Equals(Mode, "cluster", StringComparison.OrdinalIgnoreCase);

    public string? ResolveGeoDir(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(GeoDir))
            return Path.GetFullPath(GeoDir, contentRoot);
        // From the repository root or from src/Situation.Server, the shared folder sits beside the repository.
        foreach (var candidate in new[] { "../shared/data/gialai", "../../../shared/data/gialai" })
        {
            var path = Path.GetFullPath(candidate, contentRoot);
            if (Directory.Exists(path))
                return path;
        }
        return null;
    }
}

public sealed class DemoOptions
{
    /// <summary>Load the demo province on first start.</summary>
    public bool Enabled { get; set; } = true;

    public int Seed { get; set; } = Situation.Server.Demo.DemoGenerator.DefaultSeed;

    public int BtsCount { get; set; } = Situation.Server.Demo.DemoGenerator.DefaultBtsCount;
}
