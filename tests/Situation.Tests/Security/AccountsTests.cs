using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>Sign-in, disabling, re-scoping and API keys, on the security test server.</summary>
[Collection(SecurityServerCollection.Name)]
public sealed class AccountsTests(SecurityServer fixture)
{
    private ServerProcess Server => fixture.Server;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task CreateUser(string username, string role, string? scope, string password = "a-long-password")
    {
        using var response = await Server.Http.PostAsJsonAsync("/api/users", new { username, password, role, scope });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> Login(string username, string password) =>
        await Server.Anonymous.PostAsJsonAsync("/api/auth/login", new { username, password });

    private async Task<HttpResponseMessage> Patch(string username, object change) =>
        await Server.Http.PatchAsync($"/api/users/{username}", JsonContent.Create(change));

    [Fact]
    public async Task Sign_in_returns_an_expiring_token_and_the_account_without_its_password()
    {
        using var response = await Login("leader", TestAccounts.Password);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("leader", "leader"), (body.GetProperty("user").GetProperty("username").GetString(), body.GetProperty("user").GetProperty("role").GetString()));
        var expires = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddHours(11), DateTimeOffset.UtcNow.AddHours(13));
        Assert.DoesNotContain("password", body.GetProperty("user").GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("leader", "not-the-password")]
    [InlineData("nobody-at-all", TestAccounts.Password)]
    public async Task A_wrong_password_or_an_unknown_name_gets_the_same_401(string username, string password)
    {
        using var response = await Login(username, password);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Wrong user name or password", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_tokens_at_once_and_refuses_its_sign_in()
    {
        await CreateUser("disable-me", "leader", null);
        using var client = await Server.ClientFor("disable-me", "a-long-password");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/flags")).StatusCode);

        (await Patch("disable-me", new { disabled = true })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Login("disable-me", "a-long-password")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_tokens_issued_before_it()
    {
        await CreateUser("rotate-me", "leader", null);
        using var before = await Server.ClientFor("rotate-me", "a-long-password");

        (await Patch("rotate-me", new { password = "rotated-password" })).EnsureSuccessStatusCode();
        using var after = await Server.ClientFor("rotate-me", "rotated-password");

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/flags")).StatusCode);
    }

    [Fact]
    public async Task Re_scoping_a_district_account_moves_what_its_existing_token_may_change()
    {
        await CreateUser("moving-committee", "district", "624");
        using var client = await Server.ClientFor("moving-committee", "a-long-password");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/districts/624/level", Body("""{"level":"watch"}"""))).StatusCode);

        (await Patch("moving-committee", new { scope = "625" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync("/api/districts/624/level", Body("""{"level":"normal"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/districts/625/level", Body("""{"level":"watch"}"""))).StatusCode);
    }

    [Theory]
    [InlineData("""{"username":"x-1","password":"a-long-password","role":"district"}""", "scope")]
    [InlineData("""{"username":"x-2","password":"a-long-password","role":"district","scope":"999"}""", "scope")]
    [InlineData("""{"username":"x-3","password":"a-long-password","role":"leader","scope":"622"}""", "scope")]
    [InlineData("""{"username":"x-4","password":"short","role":"leader"}""", "password")]
    [InlineData("""{"username":"x-5","password":"a-long-password","role":"king"}""", "role")]
    [InlineData("""{"username":"X Y","password":"a-long-password","role":"leader"}""", "username")]
    public async Task An_account_that_makes_no_sense_is_refused_by_field(string body, string field)
    {
        using var response = await Server.Http.PostAsync("/api/users", Body(body));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("leader", "/api/users")]
    [InlineData("district-622", "/api/users")]
    [InlineData("operator-viettel", "/api/users")]
    [InlineData("district-622", "/api/audit")]
    [InlineData("operator-viettel", "/api/audit")]
    [InlineData("utility", "/api/audit")]
    [InlineData("leader", "/api/keys")]
    [InlineData("district-622", "/api/sitreps")]
    [InlineData("operator-viettel", "/api/sitreps")]
    public async Task Accounts_audit_keys_and_reports_are_for_the_roles_that_manage_them(string username, string path)
    {
        using var client = await Server.ClientFor(username);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_operator_issues_keys_for_its_own_organisation_only_and_sees_only_its_own()
    {
        using var viettel = await Server.ClientFor("operator-viettel");
        using var own = await viettel.PostAsJsonAsync("/api/keys", new { name = "viettel OSS" });
        using var foreign = await viettel.PostAsJsonAsync("/api/keys", new { organisation = "vnpt", name = "not ours" });
        var listed = (await (await viettel.GetAsync("/api/keys")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal("viettel", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organisation").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.All(listed.EnumerateArray(), k => Assert.Equal("viettel", k.GetProperty("organisation").GetString()));
        Assert.DoesNotContain("\"key\"", listed.GetRawText());
    }

    [Fact]
    public async Task A_key_cannot_issue_keys_or_act_outside_its_organisation()
    {
        using var key = Server.WithApiKey(fixture.Keys["viettel"]);
        using var issue = await key.PostAsJsonAsync("/api/keys", new { name = "minted by a key" });
        using var level = await key.PutAsync("/api/districts/622/level", Body("""{"level":"lockdown"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, level.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        using var issued = await Server.Http.PostAsJsonAsync("/api/keys", new { organisation = "mobifone", name = "to revoke" });
        var answer = await issued.Content.ReadFromJsonAsync<JsonElement>();
        using var key = Server.WithApiKey(answer.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/flags")).StatusCode);

        (await Server.Http.DeleteAsync($"/api/keys/{answer.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/flags")).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Passwords_and_key_secrets_are_not_stored_and_the_signing_key_is_the_servers_alone()
    {
        using var issued = await Server.Http.PostAsJsonAsync("/api/keys", new { organisation = "vnpt", name = "at rest" });
        var secret = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!.Split('.')[2];
        await Server.Login("leader");

        var stored = string.Join("\n", Directory.GetFiles(fixture.DataDir, "*.db*").Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }));
        Assert.Contains("\"vnpt\"", stored);
        Assert.DoesNotContain(secret, stored);
        Assert.DoesNotContain(TestAccounts.Password, stored);
        Assert.DoesNotContain(TestAccounts.Password, Server.Log);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.DataDir, "signing.key")));
    }

    [Fact]
    public async Task The_web_app_and_the_api_carry_security_headers()
    {
        using var page = await Server.Anonymous.GetAsync("/");
        using var api = await Server.Http.GetAsync("/api/flags");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(api.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/no-such-page")]
    [InlineData("/assets/missing.js")]
    public async Task A_path_that_is_nothing_outside_the_api_is_404_to_anyone(string path)
    {
        using var response = await Server.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_web_app_has_an_icon_and_the_api_still_asks_strangers_to_sign_in_first()
    {
        using var icon = await Server.Anonymous.GetAsync("/favicon.svg");
        using var page = await Server.Anonymous.GetAsync("/");
        using var unknownApi = await Server.Anonymous.GetAsync("/api/no-such-thing");

        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (icon.StatusCode, icon.Content.Headers.ContentType?.MediaType));
        Assert.Contains("/favicon.svg", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unknownApi.StatusCode);
    }
}
