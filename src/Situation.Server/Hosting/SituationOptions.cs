namespace Situation.Server.Hosting;

/// <summary>The <c>Situation</c> configuration section (the README's settings table).</summary>
public sealed class SituationOptions
{
    public const string Section = "Situation";

    /// <summary><c>embedded</c> (one process, SQLite) or <c>cluster</c> (PostgreSQL, several nodes).</summary>
    public string Mode { get; set; } = "embedded";

    public string DataDir { get; set; } = "./data";

    /// <summary>The province pack; when unset, <c>../shared/data/gialai</c> if that folder exists.</summary>
    public string? GeoDir { get; set; }

    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The Orleans gateway, for external Orleans clients: 0 (the default) opens none. Cluster mode only,
    /// and behind the cluster certificate; the embedded default never opens one.
    /// </summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other nodes reach this silo at, and the only one it listens on (cluster mode); loopback runs every node on one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public ClusterLinkOptions Cluster { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public WebOptions Web { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>
    /// Serve the Orleans Dashboard at <c>/dashboard</c> (admins only). Off unless asked for: it samples
    /// Orleans' meters every second whether or not anyone looks, which is half of an idle node's CPU;
    /// <c>/metrics</c> is the operations view.
    /// </summary>
    public bool OrleansDashboard { get; set; }

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

public sealed class ClusterLinkOptions
{
    /// <summary>
    /// The cluster certificate (a PKCS#12 file with its private key), the same on every node: silo
    /// links (and the gateway, when open) are TLS, and a peer is admitted only if it presents this
    /// very certificate. Required in cluster mode.
    /// </summary>
    public string? Certificate { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Load the demo province on first start.</summary>
    public bool Enabled { get; set; } = true;

    public int Seed { get; set; } = Situation.Server.Demo.DemoGenerator.DefaultSeed;

    public int BtsCount { get; set; } = Situation.Server.Demo.DemoGenerator.DefaultBtsCount;

    /// <summary>The password of every demo account; when unset, one is generated and printed once, on the first start.</summary>
    public string? Password { get; set; }

    /// <summary>The moment the demo's directives clock starts from: the day before letter 126's deadline.</summary>
    public DateTimeOffset DirectivesAsOf { get; set; } = new(2021, 2, 2, 9, 0, 0, TimeSpan.FromHours(7));
}

public sealed class AuthOptions
{
    /// <summary>
    /// The token signing key (base64, at least 32 bytes). Required in cluster mode, the same on every
    /// node; in the embedded default it is generated into the data folder when not given.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a sign-in lasts: a shift, so that a lost token does not outlive the day.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Cluster mode has no demo accounts: an <c>admin</c> account with this password is created when none exists.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>How failed sign-ins slow the next attempt (never a lock).</summary>
    public SignInOptions SignIn { get; set; } = new();
}

public sealed class SignInOptions
{
    /// <summary>Wrong passwords for one name from one address before each further try must wait (1 s, 2 s, 4 s, …).</summary>
    public int FreeFailures { get; set; } = 3;

    /// <summary>The same for all names tried from one address (a spray).</summary>
    public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>The same for one name from all addresses (a distributed guess).</summary>
    public int FreeFailuresPerName { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public TimeSpan FirstWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait an address can earn.</summary>
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait others can impose on a name: short, so guessing cannot keep its owner out.</summary>
    public TimeSpan LongestWaitPerName { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A tally quiet this long starts afresh.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class LimitOptions
{
    /// <summary>Requests per second each signed-in person or API key may sustain ...</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>... and how many it may send at once after a quiet spell.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Sign-in attempts per minute from one address, whatever the account: a flood guard (each check costs a password hash).</summary>
    public int SignInsPerMinute { get; set; } = 60;

    /// <summary>
    /// Proxies (addresses, or networks such as 10.0.0.0/8) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed; from anyone else those headers are ignored. Behind a load
    /// balancer, name it here so that limits count people, not the balancer.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

public sealed class MetricsOptions
{
    /// <summary>The token Prometheus sends (Authorization: Bearer) to read /metrics; unset, only administrators may.</summary>
    public string? ScrapeToken { get; set; }
}

public sealed class WebOptions
{
    /// <summary>
    /// A raster tile URL template for a base map under the province (e.g. https://tile.example/{z}/{x}/{y}.png).
    /// Unset, the map needs nothing from the internet: the districts themselves are the base.
    /// </summary>
    public string? TileUrl { get; set; }

    /// <summary>The origin of <see cref="TileUrl"/>, which the web app's content policy must admit.</summary>
    public string? TileOrigin => Uri.TryCreate(TileUrl?.Replace("{", "").Replace("}", ""), UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
