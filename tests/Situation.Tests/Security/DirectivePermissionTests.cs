using System.Net;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// Every write endpoint of the directives and of the work they bring (incidents, crews, passes)
/// against every kind of caller: an organisation's own accounts (a district committee, an operator
/// person or key, an agency, a scoped utility) may write its contact point, evidence, incidents,
/// crews and pass requests, nobody else's; leaders may open incidents; a district decides passes into
/// its own zones; a checkpoint's officer records crossings at its own checkpoints; directives,
/// organisations, waivers and the pass keys are the administrators'. A refusal changes neither the
/// state nor the audit trail; an acceptance adds exactly the caller's record.
/// </summary>
[Collection(SecurityServerCollection.Name)]
public sealed class DirectivePermissionTests(SecurityServer fixture)
{
    private static int _counter;

    /// <param name="Owner">The organisation (or checkpoint officer) whose own accounts may write; null when only administrators may.</param>
    /// <param name="Prepare">The request for the n-th call, after whatever it needs exists (an incident, a pass).</param>
    /// <param name="LeadersToo">Leaders may write it too (opening an incident).</param>
    /// <param name="AlsoOwner">Another whose accounts may write it (a checkpoint's wifi status: its officers' and its district's).</param>
    private sealed record Endpoint(string Name, string? Owner, Func<int, SecurityServer, Task<Request>> Prepare, bool LeadersToo = false, string? AlsoOwner = null)
    {
        public Endpoint(string name, string? owner, Func<int, Request> prepare, bool LeadersToo = false) : this(name, owner, (n, _) => Task.FromResult(prepare(n)), LeadersToo) { }

        public override string ToString() => Name;
    }

    /// <summary>A checkpoint of Pleiku nobody provides wifi at: its status is its officers' and its district's to report.</summary>
    private const string OpenCheckpoint = "mx-cp-open";

    private static Task? _openCheckpoint;

    private sealed record Request(HttpMethod Method, string Path, string Body, string Probe, string AuditEntity);

    private const string Directive = "126-stttt-bcvt";

    private static Request ContactPoint(string organisation, int n) => new(HttpMethod.Put, $"/api/organisations/{organisation}/contact-point",
        $$"""{"name":"Đầu mối #{{n}}","position":"Chánh Văn phòng","phone":"0000 000 {{n % 1000:000}}"}""",
        $"/api/organisations/{organisation}", $"organisation/{organisation}");

    private static readonly Endpoint[] Endpoints =
    [
        new("district contact point", "district-622", n => ContactPoint("district-622", n)),
        new("operator contact point", "viettel", n => ContactPoint("viettel", n)),
        new("agency contact point", "police", n => ContactPoint("police", n)),
        new("utility contact point", "power", n => ContactPoint("power", n)),
        new("operator evidence", "viettel", n => new(HttpMethod.Post, $"/api/obligations/{Directive}.3.1b.viettel/evidence",
            $$"""{"note":"Phương án an toàn #{{n}}","document":"PA-{{n}}"}""", $"/api/obligations/{Directive}.3.1b.viettel", $"obligation/{Directive}.3.1b.viettel")),
        new("district evidence", "district-622", n => new(HttpMethod.Post, $"/api/obligations/{Directive}.1.1.district-622/evidence",
            $$"""{"note":"Cho phép đi lại #{{n}}"}""", $"/api/obligations/{Directive}.1.1.district-622", $"obligation/{Directive}.1.1.district-622")),
        new("waive obligation", null, n => new(HttpMethod.Post, $"/api/obligations/{Directive}.3.1d.vnpt/waive",
            $$"""{"reason":"Miễn #{{n}}"}""", $"/api/obligations/{Directive}.3.1d.vnpt", $"obligation/{Directive}.3.1d.vnpt")),
        new("create directive", null, n => new(HttpMethod.Post, "/api/directives",
            $$"""{"id":"mx-letter-{{n}}","number":"{{n}}/STTTT","date":"2021-02-05","issuer":"Sở TT&TT","subject":"Thử","clauses":[{"id":"1","text":"Gửi đầu mối","obligations":[{"kind":"contact_point","addressees":["police"],"cadence":"once","deadline":"2021-02-10T00:00:00+07:00"}]}]}""",
            $"/api/directives/mx-letter-{n}", $"directive/mx-letter-{n}")),
        new("save shift", "viettel", n => new(HttpMethod.Put, $"/api/organisations/viettel/shifts/mx-shift-{n}",
            $$"""{"duty":"operations","person":"Cán bộ #{{n}}","phone":"0000 003 {{n % 1000:000}}","start":"2021-03-01T07:00:00+07:00","end":"2021-03-01T15:00:00+07:00"}""",
            "/api/shifts?organisation=viettel", "roster/viettel")),
        new("import shifts", "viettel", n => new(HttpMethod.Post, "/api/organisations/viettel/shifts",
            $$"""{"shifts":[{"id":"mx-import-{{n}}","duty":"leadership","person":"Lãnh đạo #{{n}}","phone":"0000 004 {{n % 1000:000}}","start":"2021-03-02T07:00:00+07:00","end":"2021-03-02T19:00:00+07:00"}]}""",
            "/api/shifts?organisation=viettel", "roster/viettel")),
        new("health declarations", "vnpost", n => new(HttpMethod.Put, "/api/organisations/vnpost/health-declarations/2021-02-01",
            $$"""{"declared":{{n % 100}},"worked":100}""", "/api/organisations/vnpost", "organisation/vnpost")),
        new("register organisation", null, n => new(HttpMethod.Put, $"/api/organisations/mx-org-{n}",
            """{"name":"Sở Y tế","kind":"police"}""", $"/api/organisations/mx-org-{n}", $"organisation/mx-org-{n}")),
        new("open incident", "viettel", n => new(HttpMethod.Post, "/api/incidents",
            $$"""{"id":"mx-inc-{{n}}","subjects":[{"type":"site","id":"{{SecurityServer.Site}}"}],"note":"Mất sóng #{{n}}"}""", $"/api/incidents/mx-inc-{n}", $"incident/mx-inc-{n}"), LeadersToo: true),
        new("incident step", "viettel", async (n, server) =>
        {
            await server.Admin(HttpMethod.Post, "/api/incidents", $$"""{"id":"mx-step-{{n}}","subjects":[{"type":"site","id":"{{SecurityServer.Site}}"}]}""");
            return new(HttpMethod.Post, $"/api/incidents/mx-step-{n}/steps", """{"state":"acknowledged"}""", $"/api/incidents/mx-step-{n}", $"incident/mx-step-{n}");
        }),
        new("save crew", "viettel", n => new(HttpMethod.Put, $"/api/organisations/viettel/crews/mx-crew-{n}",
            $$"""{"name":"Tổ #{{n}}","members":[{"id":"m1","name":"Thành viên #{{n}}","phone":"0000 005 {{n % 1000:000}}"}]}""", "/api/crews?enterprise=viettel", $"crew/viettel.mx-crew-{n}")),
        new("declare health", "viettel", async (n, server) =>
        {
            await server.Admin(HttpMethod.Put, $"/api/organisations/viettel/crews/mx-decl-{n}", """{"name":"Tổ khai báo","members":[{"id":"m1","name":"Y Khoa","phone":"0000 006 001"}]}""");
            return new(HttpMethod.Put, $"/api/organisations/viettel/crews/mx-decl-{n}/members/m1/declaration", "{}", "/api/crews?enterprise=viettel", $"crew/viettel.mx-decl-{n}");
        }),
        new("request pass", "viettel", async (n, server) =>
            new(HttpMethod.Post, "/api/passes", await server.PassRequest($"mx-pass-{n}"), $"/api/passes/mx-pass-{n}", $"pass/mx-pass-{n}")),
        new("decide pass", "district-622", async (n, server) =>
        {
            await server.Admin(HttpMethod.Post, "/api/passes", await server.PassRequest($"mx-decide-{n}"));
            return new(HttpMethod.Post, $"/api/passes/mx-decide-{n}/decision", """{"grant":true}""", $"/api/passes/mx-decide-{n}", $"pass/mx-decide-{n}");
        }),
        new("revoke pass", "district-622", async (n, server) =>
        {
            await server.GrantedPass($"mx-revoke-{n}");
            return new(HttpMethod.Post, $"/api/passes/mx-revoke-{n}/revoke", """{"reason":"Thu hồi"}""", $"/api/passes/mx-revoke-{n}", $"pass/mx-revoke-{n}");
        }),
        new("record crossing", "checkpoint-622", async (n, server) =>
        {
            await server.GrantedPass($"mx-cross-{n}");
            return new(HttpMethod.Post, $"/api/passes/mx-cross-{n}/crossings",
                $$"""{"id":"{{Guid.NewGuid()}}","checkpointId":"{{await server.DemoCheckpoint()}}","direction":"in"}""", $"/api/passes/mx-cross-{n}", $"pass/mx-cross-{n}");
        }),
        new("rotate pass key", null, n => new(HttpMethod.Post, "/api/passes/keys/rotate", "", "/api/passes/keys", "pass-keys/province")),
        new("replace directive", null, async (n, server) =>
        {
            await server.Admin(HttpMethod.Post, "/api/directives", DirectiveBody($"mx-replace-{n}", "Thử"));
            return new(HttpMethod.Put, $"/api/directives/mx-replace-{n}", DirectiveBody($"mx-replace-{n}", "Thử, sửa lần 2"), $"/api/directives/mx-replace-{n}", $"directive/mx-replace-{n}");
        }),
        new("remove shift", "viettel", async (n, server) =>
        {
            await server.Admin(HttpMethod.Put, $"/api/organisations/viettel/shifts/mx-remove-{n}",
                """{"duty":"operations","person":"Cán bộ trực","phone":"0000 008 001","start":"2021-03-03T07:00:00+07:00","end":"2021-03-03T15:00:00+07:00"}""");
            return new(HttpMethod.Delete, $"/api/organisations/viettel/shifts/mx-remove-{n}", "", "/api/shifts?organisation=viettel", "roster/viettel");
        }),
        new("checkpoint wifi status", "checkpoint-622", async (n, server) =>
        {
            await (_openCheckpoint ??= server.Admin(HttpMethod.Post, "/api/checkpoints",
                $$"""{"id":"{{OpenCheckpoint}}","name":"Chốt Trà Bá","location":{"type":"Point","coordinates":[108.003,13.973]},"wifi":"ok"}"""));
            await server.Admin(HttpMethod.Patch, $"/api/checkpoints/{OpenCheckpoint}", """{"wifi":"ok"}""");
            return new(HttpMethod.Patch, $"/api/checkpoints/{OpenCheckpoint}", """{"wifi":"down"}""", $"/api/checkpoints/{OpenCheckpoint}", $"checkpoint/{OpenCheckpoint}");
        }, AlsoOwner: "district-622"),
    ];

    private static string DirectiveBody(string id, string subject) =>
        $$"""{"id":"{{id}}","number":"7/STTTT","date":"2021-02-05","issuer":"Sở TT&TT","subject":"{{subject}}","clauses":[{"id":"1","text":"Gửi đầu mối","obligations":[{"kind":"contact_point","addressees":["police"],"cadence":"once","deadline":"2021-02-10T00:00:00+07:00"}]}]}""";

    public static readonly string[] Callers =
    [
        "no token", "admin", "leader", "utility", "power", "police", "own district", "other district",
        "own operator", "other operator", "own key", "other key", "own checkpoint", "other checkpoint", "postal",
    ];

    public static IEnumerable<object[]> Cases() => from e in Endpoints from c in Callers select new object[] { e.Name, c };

    /// <summary>The organisation each caller acts for (null: none).</summary>
    private static string? ActsFor(string caller) => caller switch
    {
        "own district" => "district-622",
        "other district" => "district-623",
        "own operator" or "own key" => "viettel",
        "other operator" or "other key" => "vnpt",
        "power" => "power",
        "police" => "police",
        "own checkpoint" => "checkpoint-622",
        "other checkpoint" => "checkpoint-623",
        "postal" => "vnpost",
        _ => null,
    };

    private static bool Allowed(Endpoint e, string caller) =>
        caller == "admin" || (e.LeadersToo && caller == "leader") || (ActsFor(caller) is { } acts && (acts == e.Owner || acts == e.AlsoOwner));

    private async Task<HttpClient> Client(string caller)
    {
        var server = fixture.Server;
        return caller switch
        {
            "no token" => new HttpClient { BaseAddress = server.BaseAddress },
            "admin" => server.WithToken(server.AdminToken),
            "leader" or "utility" or "power" or "police" => await server.ClientFor(caller),
            "own district" => await server.ClientFor("district-622"),
            "other district" => await server.ClientFor("district-623"),
            "own operator" => await server.ClientFor("operator-viettel"),
            "other operator" => await server.ClientFor("operator-vnpt"),
            "own key" => server.WithApiKey(fixture.Keys["viettel"]),
            "other key" => server.WithApiKey(fixture.Keys["vnpt"]),
            "own checkpoint" => await server.ClientFor("checkpoint-622"),
            "other checkpoint" => await server.ClientFor("checkpoint-623"),
            "postal" => await server.ClientFor("operator-vnpost"),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_directive_write_is_allowed_exactly_to_its_organisation_and_administrators(string endpointName, string caller)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var request = await endpoint.Prepare(Interlocked.Increment(ref _counter), fixture);
        using var client = await Client(caller);
        var probeBefore = await fixture.Probe(request.Probe);
        var auditBefore = await fixture.LastAuditSeq(request.AuditEntity);

        using var response = await client.SendAsync(new HttpRequestMessage(request.Method, request.Path)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        });
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;

        if (caller == "no token")
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{caller} → {status}: {text}");
        }
        else if (Allowed(endpoint, caller))
        {
            Assert.True(status is 200 or 201, $"{caller} should be allowed to {endpoint.Name}: {status} {text}");
            var record = (await fixture.Server.GetJson($"/api/audit?entity={request.AuditEntity}&limit=1")).GetProperty("items")[0];
            Assert.True(record.GetProperty("seq").GetInt64() > auditBefore, "the change has a new audit record");
            var expectedActor = caller switch
            {
                "own key" => $"key:{fixture.Keys["viettel"].Split('.')[1]}",
                "own district" => "district-622",
                "own operator" => "operator-viettel",
                "own checkpoint" => "checkpoint-622",
                "postal" => "operator-vnpost",
                _ => caller,
            };
            Assert.Equal(expectedActor, record.GetProperty("actor").GetString());
            Assert.NotEqual(probeBefore, await fixture.Probe(request.Probe));
            return;
        }
        else
        {
            Assert.True(status == 403, $"{caller} must not {endpoint.Name}: {status} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(probeBefore, await fixture.Probe(request.Probe));
        Assert.Equal(auditBefore, await fixture.LastAuditSeq(request.AuditEntity));
    }

    /// <summary>Who sees one of viettel's incidents in Pleiku, and one of its passes through the checkpoint-622 officer's checkpoint.</summary>
    private static bool Sees(string what, string caller) => caller switch
    {
        "admin" or "leader" or "utility" or "own district" or "own operator" or "own key" => true,
        "own checkpoint" => what == "pass",
        _ => false,
    };

    public static IEnumerable<object[]> ReadCases() => from what in new[] { "incident", "pass" } from c in Callers where c != "no token" select new object[] { what, c };

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task An_incident_and_a_pass_are_seen_exactly_by_their_enterprise_their_district_and_whoever_oversees_them(string what, string caller)
    {
        var n = Interlocked.Increment(ref _counter);
        var id = $"mx-seen-{what}-{n}";
        if (what == "incident")
            await fixture.Admin(HttpMethod.Post, "/api/incidents", $$"""{"id":"{{id}}","subjects":[{"type":"site","id":"{{SecurityServer.Site}}"}]}""");
        else
            await fixture.Admin(HttpMethod.Post, "/api/passes", await fixture.PassRequest(id));
        using var client = await Client(caller);
        var path = what == "incident" ? "/api/incidents" : "/api/passes";
        using var one = await client.GetAsync($"{path}/{id}");
        using var list = await client.GetAsync(path);
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == id);
        var expected = Sees(what, caller);
        Assert.True((one.StatusCode == HttpStatusCode.OK) == expected, $"{caller} {(expected ? "should" : "must not")} see the {what}: {(int)one.StatusCode}");
        Assert.Equal(expected, listed);
    }

    /// <summary>
    /// Who reads the rest of the passes' and incidents' work: a crew (everyone but another
    /// enterprise), a granted pass's code (as the pass), the incidents' summary (as the incident: does
    /// it count viettel's?), a checkpoint's kit and a check of a token there (its officers, its
    /// district, leaders, administrators), the revoked passes (anyone signed in) and the keys (anyone).
    /// </summary>
    private static bool Reads(string what, string caller) => what switch
    {
        "crew" => caller is "admin" or "leader" or "utility" or "own district" or "other district" or "own operator" or "own key" or "own checkpoint" or "other checkpoint",
        "pass code" => Sees("pass", caller),
        "summary" => Sees("incident", caller),
        "checkpoint kit" or "verify" => caller is "admin" or "leader" or "own district" or "own checkpoint",
        "revoked" => caller != "no token",
        "keys" => true,
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    public static IEnumerable<object[]> OtherReadCases() =>
        from what in new[] { "crew", "pass code", "summary", "checkpoint kit", "verify", "revoked", "keys" } from c in Callers select new object[] { what, c };

    [Theory]
    [MemberData(nameof(OtherReadCases))]
    public async Task Crews_pass_codes_the_summary_and_a_checkpoints_kit_are_read_exactly_by_whoever_may(string what, string caller)
    {
        var n = Interlocked.Increment(ref _counter);
        var pass = $"mx-read-{n}";
        await fixture.GrantedPass(pass);
        await fixture.Admin(HttpMethod.Post, "/api/incidents", $$"""{"id":"mx-read-inc-{{n}}","subjects":[{"type":"site","id":"{{SecurityServer.Site}}"}]}""");
        var checkpoint = await fixture.DemoCheckpoint();
        using var client = await Client(caller);
        using var response = what switch
        {
            "crew" => await client.GetAsync("/api/crews"),
            "pass code" => await client.GetAsync($"/api/passes/{pass}/qr.svg"),
            "summary" => await client.GetAsync("/api/incidents/summary"),
            "checkpoint kit" => await client.GetAsync($"/api/passes/checkpoint-kit?checkpoint={checkpoint}"),
            "verify" => await client.PostAsync("/api/passes/verify", new StringContent(
                $$"""{"token":"{{(await fixture.Server.GetJson($"/api/passes/{pass}")).GetProperty("token").GetString()}}","checkpointId":"{{checkpoint}}"}""", Encoding.UTF8, "application/json")),
            "revoked" => await client.GetAsync("/api/passes/revoked"),
            _ => await client.GetAsync("/api/passes/keys"),
        };
        var text = await response.Content.ReadAsStringAsync();
        var expected = Reads(what, caller);
        if (caller == "no token" && !expected)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{caller} → {(int)response.StatusCode}: {text}");
            return;
        }
        switch (what)
        {
            // Lists answer what the caller may see: viettel's crew is in them or not.
            case "crew":
                Assert.True(response.IsSuccessStatusCode, $"{caller} → {(int)response.StatusCode}: {text}");
                Assert.Equal(expected, JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("enterpriseId").GetString() == "viettel"));
                break;
            case "summary":
                Assert.True(response.IsSuccessStatusCode, $"{caller} → {(int)response.StatusCode}: {text}");
                Assert.Equal(expected, JsonDocument.Parse(text).RootElement.GetProperty("enterprises").EnumerateArray().Any(e => e.GetProperty("key").GetString() == "viettel"));
                break;
            // A pass the caller may not see does not exist for it; a checkpoint not its own is refused.
            case "pass code":
                Assert.True(response.StatusCode == (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{caller} → {(int)response.StatusCode}: {text}");
                break;
            case "checkpoint kit" or "verify":
                Assert.True(response.StatusCode == (expected ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{caller} → {(int)response.StatusCode}: {text}");
                if (!expected)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                break;
            default:
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{caller} → {(int)response.StatusCode}: {text}");
                break;
        }
    }
}
