using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Situation.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Situation.Tests.Security;

/// <summary>
/// Hostile input at the edges the body fuzz (<see cref="FuzzTests"/>) does not reach: headers
/// (credentials, forwarding, content negotiation), query strings of every read, and hub
/// invocations through the real SignalR client. Every answer is a success or a 4xx problem+json,
/// never a 5xx; nothing changes behind a 4xx; a hub call is refused to its caller without closing
/// the connection (unless it is over SignalR's 32 KB message limit) or logging an error; the node
/// is healthy at the end. A sample in the test run;
/// scripts/fuzz.sh runs thousands (SITUATION_FUZZ_MUTATIONS).
/// </summary>
public sealed class EdgeFuzzTests(EdgeFuzzServer fixture, ITestOutputHelper output) : IClassFixture<EdgeFuzzServer>
{
    private static readonly int Mutations = FuzzCampaign.Mutations;
    private static readonly int Seed = FuzzCampaign.Seed;
    private readonly RunningServer _server = fixture.Server;

    /// <summary>Text values no header, parameter or hub argument expects.</summary>
    private static readonly string[] HostileText =
    [
        "", " ", "-1", "0", "1e400", "99999999999999999999999999", "NaN", "null", "true", "[]", "{}", "\u0000", "\ud800", "\u202eevil", "😷",
        "../../etc/passwd", "%00", "%ZZ", "%25%32%35", "<script>", "' OR 1=1 --", "district:", "district:../622", "province,province",
        "2021-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", new string('x', 9_000), "Quảng Ngãi", "a\tb",
    ];

    private static readonly string[] Reads =
    [
        "/api/situation", "/api/sites", "/api/districts", "/api/zones", "/api/checkpoints", "/api/postal/offices", "/api/postal/routes",
        "/api/flags", "/api/flags/what-if", "/api/audit", "/api/audit.csv", "/api/changes", "/api/users", "/api/keys", "/api/auth/me", "/healthz", "/metrics",
        "/api/sitreps", "/api/sitreps/x/report.pdf",
    ];

    private static readonly string[] Parameters =
    [
        "district", "operator", "health", "status", "kind", "site", "scope", "publisher", "since", "type", "id", "user", "from", "to", "before", "limit", "format", "at", "lang", "x",
    ];

    private static readonly string[] Headers =
    [
        "Authorization", "X-Api-Key", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Accept", "Accept-Language", "Accept-Encoding", "Cookie",
        "If-None-Match", "If-Modified-Since", "Range", "Origin", "Content-Encoding", "X-Http-Method-Override",
    ];

    /// <summary>Credentials that look nearly right: none may get further than an unknown caller.</summary>
    private static readonly string[] HostileCredentials =
    [
        "Bearer", "Bearer ", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "Basic YWRtaW46YWRtaW4=", "bearer " + new string('a', 9_000),
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.AAAA", "Negotiate xyz", "Bearer \u202e",
    ];

    private async Task<long> LastChange() =>
        (await _server.GetJson("/api/audit?limit=1")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()).FirstOrDefault();

    /// <summary>The cases: hostile query strings on every read, and hostile headers on reads and on one write, with or without a valid token.</summary>
    private static IEnumerable<(string Name, HttpRequestMessage Request, bool Signed)> Cases(Random random)
    {
        foreach (var path in Reads)
            for (var i = 0; i < Mutations; i++)
            {
                var query = string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                    $"{Parameters[random.Next(Parameters.Length)]}={Uri.EscapeDataString(HostileText[random.Next(HostileText.Length)])}"));
                // Now and then the raw, unescaped text: what a careless client sends.
                if (random.Next(5) == 0)
                    query += "&" + Parameters[random.Next(Parameters.Length)] + "=" + HostileText[random.Next(HostileText.Length)].Replace("#", "");
                yield return ($"GET {path}?{Short(query)}", new HttpRequestMessage(HttpMethod.Get, $"{path}?{query}"), true);
            }
        for (var i = 0; i < Mutations * Reads.Length; i++)
        {
            var write = random.Next(3) == 0;
            var request = write
                ? new HttpRequestMessage(HttpMethod.Post, "/api/reports")
                {
                    Content = new StringContent("""{"reports":[{"siteId":"bts-622-0001","health":"down","power":"battery","batteryMinutes":30}]}""", Encoding.UTF8, "application/json"),
                }
                : new HttpRequestMessage(HttpMethod.Get, Reads[random.Next(Reads.Length)]);
            var header = Headers[random.Next(Headers.Length)];
            var value = header == "Authorization" ? HostileCredentials[random.Next(HostileCredentials.Length)] : HostileText[random.Next(HostileText.Length)];
            var signed = header != "Authorization" && header != "X-Api-Key" && random.Next(2) == 0;
            if (!request.Headers.TryAddWithoutValidation(header, value))
                request.Content?.Headers.TryAddWithoutValidation(header, value);
            yield return ($"{request.Method} {request.RequestUri} {header}: {Short(value)}{(signed ? " (signed in)" : "")}", request, signed);
        }
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [Fact]
    public async Task Hostile_headers_and_query_strings_never_get_a_5xx_never_change_state_and_the_node_stays_healthy()
    {
        var random = new Random(Seed);
        using var anonymous = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var total = 0;
        var unsendable = 0;
        var parserRefusals = 0;
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();
        foreach (var (name, request, signed) in Cases(random))
        {
            using (request)
            {
                var before = await LastChange();
                HttpResponseMessage response;
                try
                {
                    response = await (signed ? _server.Http : anonymous).SendAsync(request);
                }
                catch (Exception error) when (error is HttpRequestException { InnerException: not IOException } or InvalidOperationException or FormatException)
                {
                    // The client library itself refuses to put such a value on the wire.
                    unsendable++;
                    continue;
                }
                using (response)
                {
                    total++;
                    var status = (int)response.StatusCode;
                    byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                    var text = await response.Content.ReadAsStringAsync();
                    if (status >= 500)
                        failures.Add($"{name}: {status} {text[..Math.Min(text.Length, 300)]}");
                    if (text.Contains("   at ") || text.Contains("Exception"))
                        failures.Add($"{name}: internals in the body");
                    // Kestrel's HTTP parser answers a request line or headers it will not read (400, 414 URI
                    // too long, 431 headers too large) itself, before any application code, without a body.
                    var refusedByHttpParser = status is 400 or 414 or 431 && text.Length == 0;
                    if (refusedByHttpParser) parserRefusals++;
                    if (status >= 400 && !refusedByHttpParser && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{name}: {status} is not problem+json");
                    if (status >= 400 && await LastChange() != before)
                        failures.Add($"{name}: {status} but state changed");
                }
            }
        }

        using var health = await _server.Http.GetAsync("/healthz");
        output.WriteLine($"seed {Seed}: {total} header and query cases ({unsendable} more the client would not send; {parserRefusals} refused by the HTTP parser); statuses {string.Join(", ", byStatus.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Hostile_hub_invocations_are_refused_to_the_caller_only_oversized_ones_close_their_connection_and_none_is_logged_as_an_error()
    {
        var random = new Random(Seed);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.BaseAddress, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_server.AdminToken))
            .Build();
        // The client fails an invocation the moment its connection drops, a little before its state says
        // Disconnected; the Closed event is what marks the close as done.
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync();
        var methods = new[] { "Subscribe", "Unsubscribe", "subscribe", "OnConnectedAsync", "Dispose", "NoSuchMethod" };
        object?[] Argument() => random.Next(7) switch
        {
            0 => [],
            1 => [null],
            2 => [HostileText[random.Next(HostileText.Length)]],
            3 => [Enumerable.Range(0, random.Next(1, 5)).Select(_ => HostileText[random.Next(HostileText.Length)]).ToArray()],
            4 => [Enumerable.Repeat("district:622", random.Next(1, 100)).ToArray()],
            5 => [Enumerable.Repeat("district:622", random.Next(3_000, 6_000)).ToArray()],
            _ => [new[] { "province" }, random.Next(), new { scope = "province" }],
        };
        var total = 0;
        var refused = 0;
        var closedForSize = 0;
        async Task<bool> Closes()
        {
            try { await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)); return true; }
            catch (TimeoutException) { return false; }
        }
        var unexpected = new List<string>();
        for (var i = 0; i < Mutations * 10; i++)
        {
            var method = methods[random.Next(methods.Length)];
            var arguments = Argument();
            // Over SignalR's message limit (32 KB): the server closes such a connection by design.
            var oversize = JsonSerializer.Serialize(arguments).Length > 32 * 1024;
            total++;
            try
            {
                await connection.InvokeCoreAsync(method, typeof(object), arguments).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (HubException) when (!oversize)
            {
                refused++;
            }
            catch (Exception) when (oversize)
            {
            }
            catch (Exception error)
            {
                unexpected.Add($"{method}({Short(JsonSerializer.Serialize(arguments))}): {error.GetType().Name} {error.Message}");
            }
            if (oversize)
            {
                if (await Closes())
                    closedForSize++;
                else
                    unexpected.Add($"{method} with {JsonSerializer.Serialize(arguments).Length} bytes was taken in");
            }
            else if (connection.State != HubConnectionState.Connected)
                unexpected.Add($"{method}({Short(JsonSerializer.Serialize(arguments))}) closed the connection");
            if (connection.State != HubConnectionState.Connected)
            {
                // Its Closed event must have run before a new one is awaited, or it would answer for the next close.
                if (!await Closes())
                    unexpected.Add($"{method}: the connection left Connected but never raised Closed");
                closed = new TaskCompletionSource();
                await connection.StartAsync();
            }
        }

        // Still a working subscriber afterwards.
        await connection.InvokeAsync("Subscribe", new[] { "province" });
        await connection.DisposeAsync();
        var errors = _server.Log.Split('\n').Where(l => l.Contains("\"level\":\"Error\"") || l.Contains("\"level\":\"Critical\"")).ToList();
        output.WriteLine($"seed {Seed}: {total} hub invocations, {refused} refused to the caller, {closedForSize} over the size limit closed their connection; {errors.Count} errors logged");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(20)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5).Select(e => e[..Math.Min(e.Length, 500)])));
        Assert.True(refused > 0, "some invocations were refused");
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/healthz")).StatusCode);
    }
}

public sealed class EdgeFuzzServer() : ServerFixture("edge-fuzz");
