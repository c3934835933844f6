using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// A running server as a test talks to it, over real HTTP on a loopback port, wherever it runs: its
/// own process (<see cref="ServerProcess"/>) or this one (<see cref="InProcessServer"/>).
/// </summary>
public abstract class RunningServer(Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Signed in as the admin, who may change anything: what tests that are not about permissions use.</summary>
    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>No credentials at all.</summary>
    public HttpClient Anonymous { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The admin's bearer token, once the server is ready.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>What the server has logged so far.</summary>
    public abstract string Log { get; }

    /// <summary>
    /// The settings every test server runs with, on top of a test's own: its port and data folder,
    /// the province pack and the built dashboard, known passwords, and limits lifted so that tests
    /// measure the platform, not its throttles.
    /// </summary>
    public static Dictionary<string, string?> TestSettings(int port, string dataDir, IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Situation:DataDir"] = dataDir,
            ["webroot"] = Paths.WebRoot,
            ["Situation:GeoDir"] = Paths.GeoDir,
            ["Situation:SiloPort"] = FreePorts.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Situation"] = "Information",
            ["Situation:Demo:Password"] = TestAccounts.Password,
            ["Situation:Auth:AdminPassword"] = TestAccounts.Password,
            ["Situation:Metrics:ScrapeToken"] = TestAccounts.ScrapeToken,
            // Tests fire requests far faster than a person; the limiter has its own test with its own limits.
            ["Situation:Limits:RequestsPerSecond"] = "1000000",
            ["Situation:Limits:Burst"] = "1000000",
            ["Situation:Limits:SignInsPerMinute"] = "100000",
            // Every test signs in from 127.0.0.1, fuzzing with wrong passwords too; the throttle has its own tests.
            ["Situation:Auth:SignIn:FreeFailures"] = "1000000",
            ["Situation:Auth:SignIn:FreeFailuresPerAddress"] = "1000000",
            ["Situation:Auth:SignIn:FreeFailuresPerName"] = "1000000",
        };
        if (settings?.TryGetValue("Situation:Mode", out var mode) == true && mode == "cluster")
        {
            all["Situation:Auth:SigningKey"] = TestAccounts.ClusterSigningKey;
            all["Situation:Cluster:Certificate"] = TestCertificates.ClusterPfx;
            all["Situation:Cluster:CertificatePassword"] = TestCertificates.Password;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key.TrimStart('-')] = value;
        return all;
    }

    /// <summary>From now on <see cref="Http"/> is the admin's.</summary>
    protected async Task SignInAsAdmin()
    {
        AdminToken = await Login("admin");
        Http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
    }

    /// <summary>Signs in and returns the bearer token.</summary>
    public async Task<string> Login(string username, string password = TestAccounts.Password)
    {
        using var response = await Anonymous.PostAsJsonAsync("/api/auth/login", new { username, password });
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"login {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A client signed in as this user.</summary>
    public async Task<HttpClient> ClientFor(string username, string password = TestAccounts.Password) => WithToken(await Login(username, password));

    public HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<JsonElement> GetJson(string path)
    {
        using var response = await Http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n--- server log ---\n{Log}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The node's /metrics page, read as Prometheus reads it (with the scrape token); anything but 200 fails.</summary>
    public async Task<string> ScrapeMetrics()
    {
        using var scraper = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", TestAccounts.ScrapeToken);
        using var response = await scraper.GetAsync("/metrics");
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"GET /metrics: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>One entity's fields: the <c>properties</c> of the Feature that <c>GET /api/&lt;type&gt;/{id}</c> answers.</summary>
    public async Task<JsonElement> GetView(string path) => (await GetJson(path)).GetProperty("properties");

    public virtual ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
