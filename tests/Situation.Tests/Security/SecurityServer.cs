using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// A server of its own for the permission tests, with entities whose owners the tests know (all in
/// Pleiku, 622), two open flags of different kinds, and API keys: one live per organisation, one revoked.
/// </summary>
public sealed class SecurityServer : IAsyncLifetime
{
    public const string Zone = "mx-zone";
    public const string Checkpoint = "mx-cp";
    public const string Site = "mx-site";
    public const string Office = "mx-office";
    public const string Route = "mx-route";
    public const string PowerFlag = "power_critical.site.mx-power";
    public const string WifiFlag = "checkpoint_no_wifi.checkpoint.mx-cp-nowifi";
    public const string Square = """{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]}""";

    private readonly string _dataDir = Paths.NewTempDir("security");

    public ServerProcess Server { get; private set; } = null!;

    public string DataDir => _dataDir;

    /// <summary>Live keys by organisation, and one revoked key of viettel.</summary>
    public Dictionary<string, string> Keys { get; } = [];

    public string RevokedKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.Start(_dataDir);
        await using var mirror = await LiveMirror.Connect(Server, "province");
        await Admin(HttpMethod.Post, "/api/zones", $$"""{"type":"Feature","id":"{{Zone}}","geometry":{{Square}},"properties":{"districtId":"622","name":"Tổ 1"} }""");
        await Admin(HttpMethod.Post, "/api/checkpoints", $$"""{"id":"{{Checkpoint}}","name":"Chốt Ia Kring","location":{"type":"Point","coordinates":[108.0,13.97]},"wifi":"ok","wifiOperator":"viettel"}""");
        await Admin(HttpMethod.Post, "/api/checkpoints", """{"id":"mx-cp-nowifi","name":"Chốt Hội Phú","location":{"type":"Point","coordinates":[108.005,13.975]},"wifi":"down","wifiOperator":"vnpt"}""");
        await Admin(HttpMethod.Post, "/api/sites", $$"""{"id":"{{Site}}","operator":"viettel","kind":"bts","location":{"type":"Point","coordinates":[108.0,13.97]} }""");
        await Admin(HttpMethod.Post, "/api/sites", """{"id":"mx-power","operator":"vnpt","kind":"bts","location":{"type":"Point","coordinates":[108.002,13.972]} }""");
        await Admin(HttpMethod.Post, "/api/sites/mx-power/reports", """{"health":"up","power":"battery","batteryMinutes":10}""");
        await Admin(HttpMethod.Post, "/api/postal/offices", $$"""{"id":"{{Office}}","operator":"vnpost","name":"Bưu cục Hội Thương","location":{"type":"Point","coordinates":[108.0,13.97]} }""");
        await Admin(HttpMethod.Post, "/api/postal/routes", $$"""{"type":"Feature","id":"{{Route}}","geometry":{"type":"LineString","coordinates":[[107.995,13.965],[108.005,13.975]]},"properties":{"operator":"vnpost","name":"Tuyến nội thị","stopOfficeIds":["{{Office}}"]} }""");
        await mirror.WaitUntil(m => m.Holds("flag", PowerFlag) && m.Holds("flag", WifiFlag), TimeSpan.FromSeconds(30), "both flags are open");

        foreach (var org in new[] { "viettel", "vnpt", "vnpost", "viettelpost" })
            Keys[org] = await IssueKey(org);
        RevokedKey = await IssueKey("viettel");
        var revokedId = RevokedKey.Split('.')[1];
        using var revoke = await Server.Http.DeleteAsync($"/api/keys/{revokedId}");
        revoke.EnsureSuccessStatusCode();
    }

    private async Task<string> IssueKey(string organisation)
    {
        using var response = await Server.Http.PostAsJsonAsync("/api/keys", new { organisation, name = $"{organisation} NMS" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task Admin(HttpMethod method, string path, string body)
    {
        using var response = await Server.Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<string>? _demoCheckpoint;
    private Task? _crew;

    /// <summary>A demo checkpoint of Pleiku (622): one the checkpoint-622 officer works at, since the demo's accounts were made.</summary>
    public Task<string> DemoCheckpoint() => _demoCheckpoint ??= FirstDemoCheckpoint();

    private async Task<string> FirstDemoCheckpoint() =>
        (await Server.GetJson("/api/checkpoints?district=622")).GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()!).First(id => !id.StartsWith("mx-", StringComparison.Ordinal));

    /// <summary>A request for viettel's crew (its one member declared today) into the zone, through the demo checkpoint.</summary>
    public async Task<string> PassRequest(string id)
    {
        await (_crew ??= Task.Run(async () =>
        {
            await Admin(HttpMethod.Put, "/api/organisations/viettel/crews/mx-crew", """{"name":"Tổ ứng cứu","vehiclePlate":"81C-000.01","members":[{"id":"m1","name":"Nay Blum","phone":"0000 007 001"}]}""");
            await Admin(HttpMethod.Put, "/api/organisations/viettel/crews/mx-crew/members/m1/declaration", "{}");
        }));
        var now = DateTimeOffset.UtcNow;
        return $$"""{"id":"{{id}}","enterpriseId":"viettel","crewId":"mx-crew","memberIds":["m1"],"zoneIds":["{{Zone}}"],"checkpointIds":["{{await DemoCheckpoint()}}"],"validFrom":"{{now.AddMinutes(-5):O}}","validUntil":"{{now.AddHours(8):O}}"}""";
    }

    public async Task GrantedPass(string id)
    {
        await Admin(HttpMethod.Post, "/api/passes", await PassRequest(id));
        await Admin(HttpMethod.Post, $"/api/passes/{id}/decision", """{"grant":true}""");
    }

    /// <summary>A token signed with the server's own key, for an account that exists, that expired an hour ago.</summary>
    public string ExpiredToken()
    {
        var key = Convert.FromBase64String(File.ReadAllText(Path.Combine(_dataDir, "signing.key")));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "situation", Audience = "situation",
            IssuedAt = now.AddHours(-13), NotBefore = now.AddHours(-13), Expires = now.AddHours(-1),
            Claims = new Dictionary<string, object> { ["sub"] = "admin", ["role"] = "admin", ["kind"] = "user", ["gen"] = 1 },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>What an admin sees at a path (its status and body): what must not move after a refusal.</summary>
    public async Task<string> Probe(string path)
    {
        using var response = await Server.Http.GetAsync(path);
        var body = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
        return $"{(int)response.StatusCode} {body}";
    }

    /// <summary>The newest audit record's sequence number for an entity (0 when it has none).</summary>
    public async Task<long> LastAuditSeq(string entity)
    {
        var page = await Server.GetJson($"/api/audit?entity={entity}&limit=1");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("seq").GetInt64()).FirstOrDefault();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityServerCollection : ICollectionFixture<SecurityServer>
{
    public const string Name = "security server";
}
