using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>What needs a server started its own way: generated demo passwords, tight rate limits, the hub's door.</summary>
public sealed class OwnServerTests
{
    [Fact]
    public async Task Without_a_configured_password_the_demo_accounts_get_one_generated_and_printed_on_the_first_start_only()
    {
        var dataDir = Paths.NewTempDir("demo-password");
        try
        {
            var settings = new Dictionary<string, string?> { ["Situation:Demo:Password"] = "" };
            string password;
            await using (var first = await ServerProcess.Start(dataDir, settings, signIn: false))
            {
                var line = first.Log.Split('\n').Single(l => l.Contains("Password of every demo account:"));
                password = line.Split(':')[1].Trim();
                Assert.Equal(16, password.Length);
                Assert.Equal(HttpStatusCode.OK, (await first.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "district-622", password })).StatusCode);
                await first.Stop();
            }
            await using var second = await ServerProcess.Start(dataDir, settings, signIn: false);

            Assert.DoesNotContain(password, second.Log);
            Assert.Equal(HttpStatusCode.OK, (await second.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "operator-vnpost", password })).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_passwords_changed_since_the_first_start_are_kept_when_the_server_restarts_with_the_configured_one()
    {
        var dataDir = Paths.NewTempDir("demo-kept");
        try
        {
            const string chosen = "leader-chose-this-one";
            await using (var first = await ServerProcess.Start(dataDir))
            {
                foreach (var user in new[] { "leader", "admin" })
                {
                    using var changed = await first.Http.PatchAsJsonAsync($"/api/users/{user}", new { password = chosen });
                    Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
                }
                await first.Stop();
            }
            // Started again with the same Situation:Demo:Password, as a demo machine is.
            await using var second = await ServerProcess.Start(dataDir, signIn: false);

            foreach (var user in new[] { "leader", "admin" })
            {
                Assert.Equal(HttpStatusCode.OK, (await second.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = user, password = chosen })).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await second.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = user, password = TestAccounts.Password })).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_data_folder_and_the_files_holding_hashes_and_keys_are_the_servers_own_user_only()
    {
        var dataDir = Paths.NewTempDir("private");
        try
        {
            await using (var server = await ServerProcess.Start(dataDir))
            {
                // Every file the embedded default keeps: state and audit trail (with its WAL) and the signing key.
                var files = new[] { "situation.db", "situation.db-wal", "situation.db-shm", "signing.key" }.Select(f => Path.Combine(dataDir, f)).ToArray();
                Assert.All(files, f => Assert.True(File.Exists(f), f));

                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
                Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
                await server.Stop();
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_caller_over_its_rate_gets_429_with_Retry_After_and_other_callers_are_not_held_back()
    {
        var dataDir = Paths.NewTempDir("rate");
        try
        {
            await using var server = await ServerProcess.Start(dataDir, new Dictionary<string, string?>
            {
                ["Situation:Limits:RequestsPerSecond"] = "1",
                ["Situation:Limits:Burst"] = "5",
                ["Situation:Limits:SignInsPerMinute"] = "3",
            });
            using var leader = await server.ClientFor("leader");
            var statuses = new List<HttpStatusCode>();
            HttpResponseMessage? refused = null;
            for (var i = 0; i < 20 && refused is null; i++)
            {
                var response = await leader.GetAsync("/api/flags");
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
                else response.Dispose();
            }
            using var admin = await server.Http.GetAsync("/api/flags");

            Assert.NotNull(refused);
            Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 5, string.Join(",", statuses));
            Assert.True(refused!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

            // Two sign-ins made so far (admin, leader); the third is the last this minute allows.
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "utility", password = "wrong-password" })).StatusCode);
            using var fourth = await server.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "utility", password = TestAccounts.Password });
            Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
            Assert.NotNull(fourth.Headers.RetryAfter);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Wrong_passwords_slow_the_guesser_not_the_owner_and_never_tell_which_names_exist()
    {
        var dataDir = Paths.NewTempDir("sign-in");
        try
        {
            await using var server = await ServerProcess.Start(dataDir, new Dictionary<string, string?>
            {
                // As behind a load balancer on this machine: the callers' own addresses come forwarded.
                ["Situation:Limits:TrustedProxies:0"] = "127.0.0.1",
                ["Situation:Auth:SignIn:FreeFailures"] = "3",
                ["Situation:Auth:SignIn:FreeFailuresPerAddress"] = "20",
                ["Situation:Auth:SignIn:FreeFailuresPerName"] = "20",
                // Long enough that no pause of a busy machine between two tries outlasts it.
                ["Situation:Auth:SignIn:FirstWait"] = "00:10:00",
                ["Situation:Auth:SignIn:LongestWait"] = "01:00:00",
            });
            async Task<(HttpStatusCode Status, string? Title, string? Detail, TimeSpan? RetryAfter)> SignIn(string username, string password, string from)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username, password }) };
                request.Headers.Add("X-Forwarded-For", from);
                using var response = await server.Anonymous.SendAsync(request);
                var problem = response.IsSuccessStatusCode ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
                return (response.StatusCode, problem.ValueKind == JsonValueKind.Object ? problem.GetProperty("title").GetString() : null,
                    problem.ValueKind == JsonValueKind.Object ? problem.GetProperty("detail").GetString() : null, response.Headers.RetryAfter?.Delta);
            }

            var guesses = new List<(HttpStatusCode, string?, string?, TimeSpan?)>();
            var unknown = new List<(HttpStatusCode, string?, string?, TimeSpan?)>();
            for (var i = 0; i < 6; i++)
            {
                guesses.Add(await SignIn("admin", "guess-" + i, "203.0.113.7"));
                unknown.Add(await SignIn("no-such-person", "guess-" + i, "203.0.113.8"));
            }

            // Three free tries, then a wait (429 with Retry-After), never a lock.
            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], guesses.Take(3).Select(g => g.Item1));
            Assert.All(guesses.Skip(3), g => Assert.Equal(HttpStatusCode.TooManyRequests, g.Item1));
            Assert.All(guesses.Skip(3), g => Assert.InRange(g.Item4!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10)));
            // A name nobody has is answered exactly as the administrator's (but for the seconds left).
            static object Shape((HttpStatusCode Status, string? Title, string? Detail, TimeSpan? RetryAfter) a) =>
                (a.Status, a.Title, System.Text.RegularExpressions.Regex.Replace(a.Detail ?? "", "[0-9]+", "N"), a.RetryAfter is null);
            Assert.Equal(guesses.Select(Shape), unknown.Select(Shape));
            // The owner, elsewhere, is not held back by the guessing; nor is the guesser's next name.
            Assert.Equal(HttpStatusCode.OK, (await SignIn("admin", TestAccounts.Password, "198.51.100.2")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("leader", "guess", "203.0.113.7")).Status);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Logs_keep_no_token_and_an_unknown_hub_scope_is_a_warning_without_a_stack_trace()
    {
        var dataDir = Paths.NewTempDir("logs");
        try
        {
            await using var server = await ServerProcess.Start(dataDir, new Dictionary<string, string?>
            {
                // Request logging on, as someone chasing a problem would turn it on.
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information",
            });
            using (await server.Anonymous.GetAsync("/dashboard/?access_token=" + server.AdminToken)) { }
            await using var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(server.AdminToken))
                .Build();
            await connection.StartAsync();

            await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<string[]>("Subscribe", new[] { "district:999" }));
            var refusal = await server.WaitForLogLine("Hub call Subscribe", TimeSpan.FromSeconds(30));
            var request = await server.WaitForLogLine("/dashboard/?access_token=", TimeSpan.FromSeconds(30));

            Assert.Contains("\"level\":\"Warning\"", refusal);
            Assert.Contains("district:999", refusal);
            Assert.DoesNotContain("\"exception\"", refusal);
            Assert.DoesNotContain("\"level\":\"Error\"", server.Log);
            Assert.Contains("access_token=[redacted]", request);
            Assert.DoesNotContain(server.AdminToken, server.Log);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}

/// <summary>The hub admits only callers with a valid token.</summary>
[Collection(SecurityServerCollection.Name)]
public sealed class HubAuthenticationTests(SecurityServer fixture)
{
    private HubConnection Connect(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.Server.BaseAddress, "/hubs/situation"), o =>
        {
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    public static TheoryData<string> Refused => ["none", "expired", "forged", "garbage"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task The_hub_refuses_a_connection_without_a_valid_token(string kind)
    {
        var admin = fixture.Server.AdminToken;
        var token = kind switch
        {
            "none" => null,
            "expired" => fixture.ExpiredToken(),
            "forged" => admin[..admin.LastIndexOf('.')] + ".c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ",
            _ => "not-a-token",
        };
        await using var connection = Connect(token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task The_hub_admits_a_signed_in_person_and_an_operator_key()
    {
        await using var person = Connect(await fixture.Server.Login("utility"));
        await using var feed = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Server.BaseAddress, "/hubs/situation"), o => o.Headers["X-Api-Key"] = fixture.Keys["viettel"])
            .Build();

        await person.StartAsync();
        await feed.StartAsync();

        Assert.Equal(["province"], await person.InvokeAsync<string[]>("Subscribe", new[] { "province" }));
        Assert.Equal(HubConnectionState.Connected, feed.State);
    }

    /// <summary>Closed, not merely idle: the server ended it.</summary>
    private static async Task Closed(HubConnection connection, TaskCompletionSource closed, string what)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await closed.Task.WaitAsync(bound.Token); }
        catch (OperationCanceledException) { Assert.Fail($"Not within 10 s: {what}"); }
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    private static TaskCompletionSource WhenClosed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed;
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("new password")]
    [InlineData("new scope")]
    public async Task Disabling_an_account_giving_it_a_new_password_or_a_new_scope_closes_its_live_connections(string change)
    {
        var username = $"watcher-{Guid.NewGuid():N}"[..20];
        using (var created = await fixture.Server.Http.PostAsJsonAsync("/api/users", new { username, password = "a-long-password", role = "operator", scope = "viettel" }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var connection = Connect(await fixture.Server.Login(username, "a-long-password"));
        var closed = WhenClosed(connection);
        await connection.StartAsync();
        Assert.Equal(["province"], await connection.InvokeAsync<string[]>("Subscribe", new[] { "province" }));

        // A new scope too: the connection saw what viettel's people see (its incidents, crews, passes), and must not go on.
        object patch = change switch
        {
            "disabled" => new { disabled = true },
            "new scope" => new { scope = "vnpt" },
            _ => new { password = "another-long-password" },
        };
        using (var changed = await fixture.Server.Http.PatchAsJsonAsync($"/api/users/{username}", patch))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await Closed(connection, closed, $"the connection of the account {change} is closed");
    }

    [Fact]
    public async Task Revoking_a_key_closes_the_feeds_live_connections()
    {
        using var issued = await fixture.Server.Http.PostAsJsonAsync("/api/keys", new { organisation = "vnpt", name = "revoked-while-connected" });
        var key = await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Server.BaseAddress, "/hubs/situation"), o => o.Headers["X-Api-Key"] = key.GetProperty("key").GetString()!)
            .Build();
        var closed = WhenClosed(connection);
        await connection.StartAsync();

        using (var revoked = await fixture.Server.Http.DeleteAsync($"/api/keys/{key.GetProperty("id").GetString()}"))
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        await Closed(connection, closed, "the revoked key's connection is closed");
    }
}
