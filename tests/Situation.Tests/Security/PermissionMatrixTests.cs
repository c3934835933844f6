using System.Net;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// Every write endpoint against every kind of caller (each role, in and out of its scope, and anonymous): the expected status, and for a
/// refusal that neither the entity nor its audit trail changed; for an acceptance that exactly the
/// caller's audit record was added.
/// </summary>
[Collection(SecurityServerCollection.Name)]
public sealed class PermissionMatrixTests(SecurityServer fixture)
{
    private static int _counter;

    /// <summary>Who an endpoint's target belongs to: a district, an organisation, both (checkpoint wifi) or a flag kind.</summary>
    private sealed record Endpoint(string Name, string? District, string? Operator, string? FlagKind, Func<SecurityServer, int, Task<Request>> Prepare)
    {
        public override string ToString() => Name;
    }

    private sealed record Request(HttpMethod Method, string Path, string? Body, string Probe, string AuditEntity, bool Batch = false);

    private static readonly Dictionary<string, string> OtherOrganisation = new() { ["viettel"] = "vnpt", ["vnpost"] = "viettelpost" };

    private static async Task<string> Current(SecurityServer s, string path, string field) =>
        (await s.Server.GetView(path)).GetProperty(field).GetString()!;

    private static string Toggle(string current, string a, string b) => current == a ? b : a;

    private static readonly Endpoint[] Endpoints =
    [
        new("set district level", "622", null, null, async (s, n) =>
        {
            var level = Toggle(await Current(s, "/api/districts/622", "level"), "watch", "distancing");
            return new(HttpMethod.Put, "/api/districts/622/level", $$"""{"level":"{{level}}","note":"#{{n}}"}""", "/api/districts/622", "district/622");
        }),
        new("declare zone", "622", null, null, (s, n) => Task.FromResult(new Request(HttpMethod.Post, "/api/zones",
            $$"""{"type":"Feature","id":"mx-new-zone-{{n}}","geometry":{{SecurityServer.Square}},"properties":{"districtId":"622","name":"Khu {{n}}"} }""",
            $"/api/zones/mx-new-zone-{n}", $"zone/mx-new-zone-{n}"))),
        new("change zone", "622", null, null, (s, n) => Task.FromResult(new Request(HttpMethod.Put, $"/api/zones/{SecurityServer.Zone}",
            $$"""{"type":"Feature","geometry":{{SecurityServer.Square}},"properties":{"districtId":"622","name":"Tổ 1 #{{n}}"} }""",
            $"/api/zones/{SecurityServer.Zone}", $"zone/{SecurityServer.Zone}"))),
        new("lift zone", "622", null, null, async (s, n) =>
        {
            await s.Admin(HttpMethod.Post, "/api/zones", $$"""{"type":"Feature","id":"mx-lift-{{n}}","geometry":{{SecurityServer.Square}},"properties":{"districtId":"622","name":"Khu {{n}}"} }""");
            return new(HttpMethod.Post, $"/api/zones/mx-lift-{n}/lift", null, $"/api/zones/mx-lift-{n}", $"zone/mx-lift-{n}");
        }),
        new("register checkpoint", "622", null, null, (s, n) => Task.FromResult(new Request(HttpMethod.Post, "/api/checkpoints",
            $$"""{"id":"mx-new-cp-{{n}}","name":"Chốt {{n}}","location":{"type":"Point","coordinates":[108.0,13.97]},"wifi":"none"}""",
            $"/api/checkpoints/mx-new-cp-{n}", $"checkpoint/mx-new-cp-{n}"))),
        new("checkpoint status", "622", null, null, async (s, n) =>
        {
            var status = Toggle(await Current(s, $"/api/checkpoints/{SecurityServer.Checkpoint}", "status"), "closed", "active");
            return new(HttpMethod.Patch, $"/api/checkpoints/{SecurityServer.Checkpoint}", $$"""{"status":"{{status}}"}""",
                $"/api/checkpoints/{SecurityServer.Checkpoint}", $"checkpoint/{SecurityServer.Checkpoint}");
        }),
        new("checkpoint wifi", "622", "viettel", null, async (s, n) =>
        {
            var wifi = Toggle(await Current(s, $"/api/checkpoints/{SecurityServer.Checkpoint}", "wifi"), "down", "ok");
            return new(HttpMethod.Patch, $"/api/checkpoints/{SecurityServer.Checkpoint}", $$"""{"wifi":"{{wifi}}","wifiOperator":"viettel"}""",
                $"/api/checkpoints/{SecurityServer.Checkpoint}", $"checkpoint/{SecurityServer.Checkpoint}");
        }),
        new("register site", null, "viettel", null, (s, n) => Task.FromResult(new Request(HttpMethod.Post, "/api/sites",
            $$"""{"id":"mx-new-site-{{n}}","operator":"viettel","kind":"bts","location":{"type":"Point","coordinates":[108.0,13.97]} }""",
            $"/api/sites/mx-new-site-{n}", $"site/mx-new-site-{n}"))),
        new("report site", null, "viettel", null, async (s, n) =>
        {
            var health = Toggle(await Current(s, $"/api/sites/{SecurityServer.Site}", "health"), "degraded", "up");
            return new(HttpMethod.Post, $"/api/sites/{SecurityServer.Site}/reports", $$"""{"health":"{{health}}","power":"grid"}""",
                $"/api/sites/{SecurityServer.Site}", $"site/{SecurityServer.Site}");
        }),
        new("report batch", null, "viettel", null, async (s, n) =>
        {
            var health = Toggle(await Current(s, $"/api/sites/{SecurityServer.Site}", "health"), "degraded", "up");
            return new(HttpMethod.Post, "/api/reports", $$"""{"reports":[{"siteId":"{{SecurityServer.Site}}","health":"{{health}}","power":"grid"}]}""",
                $"/api/sites/{SecurityServer.Site}", $"site/{SecurityServer.Site}", Batch: true);
        }),
        new("register office", null, "vnpost", null, (s, n) => Task.FromResult(new Request(HttpMethod.Post, "/api/postal/offices",
            $$"""{"id":"mx-new-office-{{n}}","operator":"vnpost","name":"Bưu cục {{n}}","location":{"type":"Point","coordinates":[108.0,13.97]} }""",
            $"/api/postal/offices/mx-new-office-{n}", $"office/mx-new-office-{n}"))),
        new("report office", null, "vnpost", null, async (s, n) =>
        {
            var status = Toggle(await Current(s, $"/api/postal/offices/{SecurityServer.Office}", "status"), "closed", "open");
            return new(HttpMethod.Post, $"/api/postal/offices/{SecurityServer.Office}/reports", $$"""{"status":"{{status}}"}""",
                $"/api/postal/offices/{SecurityServer.Office}", $"office/{SecurityServer.Office}");
        }),
        new("register route", null, "vnpost", null, (s, n) => Task.FromResult(new Request(HttpMethod.Post, "/api/postal/routes",
            $$"""{"type":"Feature","id":"mx-new-route-{{n}}","geometry":{"type":"LineString","coordinates":[[107.995,13.965],[108.005,13.975]]},"properties":{"operator":"vnpost","name":"Tuyến {{n}}"} }""",
            $"/api/postal/routes/mx-new-route-{n}", $"route/mx-new-route-{n}"))),
        new("report route", null, "vnpost", null, async (s, n) =>
        {
            var status = Toggle(await Current(s, $"/api/postal/routes/{SecurityServer.Route}", "status"), "delayed", "running");
            return new(HttpMethod.Post, $"/api/postal/routes/{SecurityServer.Route}/reports", $$"""{"status":"{{status}}"}""",
                $"/api/postal/routes/{SecurityServer.Route}", $"route/{SecurityServer.Route}");
        }),
        new("acknowledge power flag", null, null, "power_critical", (s, n) => Task.FromResult(new Request(HttpMethod.Post,
            $"/api/flags/{SecurityServer.PowerFlag}/ack", null, "/api/flags?kind=power_critical", $"flag/{SecurityServer.PowerFlag}"))),
        new("acknowledge wifi flag", null, null, "checkpoint_no_wifi", (s, n) => Task.FromResult(new Request(HttpMethod.Post,
            $"/api/flags/{SecurityServer.WifiFlag}/ack", null, "/api/flags?kind=checkpoint_no_wifi", $"flag/{SecurityServer.WifiFlag}"))),
    ];

    public static readonly string[] Callers =
    [
        "no token", "expired token", "forged token", "revoked key",
        "admin", "leader", "utility", "own district", "other district", "own operator", "other operator", "own key", "other key",
    ];

    public static IEnumerable<object[]> Cases() =>
        from e in Endpoints from c in Callers select new object[] { e.Name, c };

    private static bool Allowed(Endpoint e, string caller) => caller switch
    {
        "admin" => true,
        "leader" => e.FlagKind is not null,
        "utility" => e.FlagKind == "power_critical",
        "own district" => e.District == "622",
        "own operator" or "own key" => e.Operator is not null,
        _ => false,
    };

    private async Task<HttpClient> Client(Endpoint e, string caller)
    {
        var server = fixture.Server;
        var org = e.Operator ?? "viettel";
        return caller switch
        {
            "no token" => new HttpClient { BaseAddress = server.BaseAddress },
            "expired token" => server.WithToken(fixture.ExpiredToken()),
            "forged token" => server.WithToken(server.AdminToken[..^4] + (server.AdminToken.EndsWith("AAAA") ? "BBBB" : "AAAA")),
            "revoked key" => server.WithApiKey(fixture.RevokedKey),
            "admin" => server.WithToken(server.AdminToken),
            "leader" or "utility" => await server.ClientFor(caller),
            "own district" => await server.ClientFor("district-622"),
            "other district" => await server.ClientFor("district-623"),
            "own operator" => await server.ClientFor($"operator-{org}"),
            "other operator" => await server.ClientFor($"operator-{OtherOrganisation[org]}"),
            "own key" => server.WithApiKey(fixture.Keys[org]),
            "other key" => server.WithApiKey(fixture.Keys[OtherOrganisation[org]]),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_write_is_allowed_exactly_to_the_roles_and_scopes_that_own_it(string endpointName, string caller)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var request = await endpoint.Prepare(fixture, Interlocked.Increment(ref _counter));
        using var client = await Client(endpoint, caller);
        var probeBefore = await fixture.Probe(request.Probe);
        var auditBefore = await fixture.LastAuditSeq(request.AuditEntity);

        using var response = await client.SendAsync(new HttpRequestMessage(request.Method, request.Path)
        {
            Content = request.Body is null ? null : new StringContent(request.Body, Encoding.UTF8, "application/json"),
        });
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (request.Batch && response.IsSuccessStatusCode)
            status = JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("status").GetInt32();

        var unauthenticated = caller is "no token" or "expired token" or "forged token" or "revoked key";
        if (unauthenticated)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{caller} → {status}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        else if (Allowed(endpoint, caller))
        {
            Assert.True(status is 200 or 201, $"{caller} should be allowed to {endpoint.Name}: {status} {text}");
            var record = (await fixture.Server.GetJson($"/api/audit?entity={request.AuditEntity}&limit=1")).GetProperty("items")[0];
            Assert.True(record.GetProperty("seq").GetInt64() > auditBefore, "the change has a new audit record");
            var expectedActor = caller switch
            {
                "own key" => $"key:{fixture.Keys[endpoint.Operator!].Split('.')[1]}",
                "admin" => "admin",
                "own district" => "district-622",
                "own operator" => $"operator-{endpoint.Operator}",
                _ => caller,
            };
            Assert.Equal(expectedActor, record.GetProperty("actor").GetString());
            return;
        }
        else
        {
            Assert.True(status == 403, $"{caller} must not {endpoint.Name}: {status} {text}");
            if (!request.Batch)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(probeBefore, await fixture.Probe(request.Probe));
        Assert.Equal(auditBefore, await fixture.LastAuditSeq(request.AuditEntity));
    }
}
