using System.Net;
using System.Text.Json;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Directives;

/// <summary>
/// Letter 126 as the demo loads it, "as of" 02/02/2021 09:00 (the day before its deadline), through
/// the HTTP API: the obligations it makes of its addressees, contact points turning them met, and
/// what the API answers to bad input.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class DirectivesApiTests(ApiServer fixture)
{
    private const string Letter = "126-stttt-bcvt";
    private static readonly DateTimeOffset Deadline = new(2021, 2, 3, 0, 0, 0, TimeSpan.FromHours(7));

    /// <summary>The organisation another test adds; the demo's own are what these tests count.</summary>
    private const string Added = "test-post";

    private async Task<JsonElement[]> Obligations(string query = "") =>
        [.. (await fixture.Server.GetJson($"/api/obligations{query}")).GetProperty("items").EnumerateArray()
            .Where(o => o.GetProperty("organisationId").GetString() != Added)];

    [Fact]
    public async Task Letter_126_makes_one_obligation_per_clause_and_addressee()
    {
        var organisations = (await fixture.Server.GetJson("/api/organisations")).GetProperty("items").EnumerateArray()
            .Where(o => o.GetProperty("id").GetString() != Added).ToList();
        Assert.Equal(27, organisations.Count);
        Assert.Equal(17, organisations.Count(o => o.GetProperty("kind").GetString() == "district"));

        // 1.3: the police, the military and the 17 district committees; 2.2: the power and water companies.
        var contactPoints = await Obligations("?kind=contact_point");
        Assert.Equal(2 + 17 + 2, contactPoints.Length);
        Assert.All(contactPoints, o => Assert.Equal(Deadline, o.GetProperty("deadline").GetDateTimeOffset()));
        Assert.Equal(["1.3", "2.2"], contactPoints.Select(o => o.GetProperty("clause").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["power", "water"], contactPoints.Where(o => o.GetProperty("clause").GetString() == "2.2").Select(o => o.GetProperty("organisationId").GetString()).Order(StringComparer.Ordinal));

        var all = await Obligations($"?directive={Letter}");
        int Count(string kind) => all.Count(o => o.GetProperty("kind").GetString() == kind);
        Assert.Equal(17 + 4, Count("checkpoint_wifi"));  // 1.2 the districts, 3.1a the telecom enterprises
        Assert.Equal(4, Count("duty_roster"));            // 3.1c
        Assert.Equal(2, Count("health_declarations"));    // 3.2c
        Assert.Equal(1, Count("priority_power"));
        Assert.Equal(1, Count("priority_water"));
        // 1.1 and 1.3: 19 each; 1.2: 17; 2.1: 2; 2.2: 2; 3.1a-d: 4 each; 3.2a-c: 2 each.
        Assert.Equal(19 + 19 + 17 + 2 + 2 + 4 * 4 + 3 * 2, all.Length);
    }

    [Fact]
    public async Task As_of_02_02_2021_a_missing_contact_point_is_pending_and_a_missed_day_of_health_declarations_is_overdue()
    {
        var military = (await Obligations($"?organisation=military&kind=contact_point")).Single();
        Assert.Equal("pending", military.GetProperty("status").GetString());
        var police = (await Obligations($"?organisation=police&kind=contact_point")).Single();
        Assert.Equal("met", police.GetProperty("status").GetString());

        // The demo's Viettel Post last reported on 31/01: by 02/02 a whole day (01/02) went by without a report.
        var missed = (await Obligations("?kind=health_declarations&organisation=viettelpost")).Single();
        Assert.Equal("overdue", missed.GetProperty("status").GetString());
        // VNPost reported today, 198 of 205 staff: met, and below 100 % for the board to show.
        var reported = (await Obligations("?kind=health_declarations&organisation=vnpost")).Single();
        Assert.Equal("met", reported.GetProperty("status").GetString());
        Assert.Equal(198.0 / 205, reported.GetProperty("share").GetDouble(), 6);
        var flags = (await fixture.Server.GetJson("/api/flags?kind=obligation_overdue")).EnumerateArray().ToList();
        Assert.Contains(flags, f => f.GetProperty("subject").GetProperty("id").GetString() == $"{Letter}.3.2c.viettelpost");
        Assert.DoesNotContain(flags, f => f.GetProperty("subject").GetProperty("id").GetString() == $"{Letter}.3.2c.vnpost");
        Assert.All(flags, f => Assert.Equal("obligation", f.GetProperty("subject").GetProperty("type").GetString()));
        // The directives' flags are listed among the map's, as every other kind.
        var everyFlag = (await fixture.Server.GetJson("/api/flags")).EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains($"obligation_overdue.obligation.{Letter}.3.2c.viettelpost", everyFlag);
    }

    [Fact]
    public async Task A_leader_acknowledges_a_directives_flag_and_a_utility_may_not()
    {
        var flag = $"obligation_overdue.obligation.{Letter}.3.2c.viettelpost";
        var utility = await fixture.Server.ClientFor("utility");
        using (var refused = await utility.PostAsync($"/api/flags/{flag}/ack", null))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var leader = await fixture.Server.ClientFor("leader");
        using var acknowledged = await leader.PostAsync($"/api/flags/{flag}/ack", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("leader", (await fixture.Json(acknowledged)).GetProperty("acks")[0].GetProperty("by").GetString());
        var listed = (await fixture.Server.GetJson("/api/flags?kind=obligation_overdue")).EnumerateArray().Single(f => f.GetProperty("id").GetString() == flag);
        Assert.Equal("leader", listed.GetProperty("acks")[0].GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_district_names_its_contact_point_and_its_obligation_is_met_with_it_live()
    {
        var accounts = await fixture.Server.GetJson("/api/organisations/district-627/accounts");
        Assert.Equal(["district-627"], accounts.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        var district = await fixture.Server.ClientFor("district-627");
        using (var notAdmin = await district.GetAsync("/api/organisations/district-627/accounts"))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        await using var mirror = await LiveMirror.Connect(fixture.Server, "district:627");
        var id = $"{Letter}.1.3.district-627";
        Assert.Equal("pending", (await fixture.Server.GetJson($"/api/obligations/{id}")).GetProperty("status").GetString());

        using var response = await district.PutAsync("/api/organisations/district-627/contact-point",
            ApiServer.JsonBody("""{"name":"Rơ Mah Hồng","position":"Phó Chánh Văn phòng","phone":"0000 000 627","email":"dau-moi@example.invalid"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var organisation = await fixture.Json(response);
        Assert.Equal("Rơ Mah Hồng", organisation.GetProperty("contactPoint").GetProperty("name").GetString());

        var obligation = await fixture.Server.GetJson($"/api/obligations/{id}");
        Assert.Equal("met", obligation.GetProperty("status").GetString());
        Assert.Contains("0000 000 627", obligation.GetProperty("evidence").GetString());
        await mirror.WaitUntil(m => m.DataOf("obligation", id)?.GetProperty("status").GetString() == "met", TimeSpan.FromSeconds(10),
            "the district's subscribers see the obligation met");
        Assert.True(mirror.Holds("organisation", "district-627"), "and the organisation's new state");
    }

    [Theory]
    [InlineData("""{"name":"A","position":"B","phone":"gọi tôi"}""", "phone")]
    [InlineData("""{"name":"A","position":"B","phone":"0000 000 001","email":"not-an-address"}""", "email")]
    [InlineData("""{"position":"B","phone":"0000 000 001"}""", "name")]
    [InlineData("""{"name":"A","position":"B","phone":12}""", "phone")]
    public async Task A_bad_contact_point_is_refused_by_field_and_changes_nothing(string body, string field)
    {
        var before = await fixture.Probe("/api/organisations/military");
        using var response = await fixture.Send(HttpMethod.Put, "/api/organisations/military/contact-point", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await fixture.Json(response)).GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
        Assert.Equal(before, await fixture.Probe("/api/organisations/military"));
    }

    [Fact]
    public async Task Unknown_organisations_and_obligations_are_404_and_what_the_platform_decides_takes_no_evidence()
    {
        using (var unknown = await fixture.Send(HttpMethod.Put, "/api/organisations/nobody/contact-point", """{"name":"A","position":"B","phone":"0000 000 001"}"""))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var missing = await fixture.Send(HttpMethod.Post, "/api/obligations/no-such.1.x/evidence", """{"note":"x"}"""))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var computed = $"{Letter}.1.2.district-622";
        var before = await fixture.Probe($"/api/obligations/{computed}");
        using var conflict = await fixture.Send(HttpMethod.Post, $"/api/obligations/{computed}/evidence", """{"note":"wifi everywhere"}""");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await fixture.Probe($"/api/obligations/{computed}"));
        using var empty = await fixture.Send(HttpMethod.Post, $"/api/obligations/{Letter}.3.1b.vnpt/evidence", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Evidence_sent_by_hand_meets_an_obligation_and_a_waiver_releases_one()
    {
        var vnpt = await fixture.Server.ClientFor("operator-vnpt");
        using var sent = await vnpt.PostAsync($"/api/obligations/{Letter}.3.1b.vnpt/evidence",
            ApiServer.JsonBody("""{"note":"Phương án bảo đảm an toàn cho lực lượng ứng cứu","document":"45/PA-VNPT"}"""));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var met = await fixture.Json(sent);
        Assert.Equal("met", met.GetProperty("status").GetString());
        Assert.Equal("45/PA-VNPT", met.GetProperty("document").GetString());

        using var waived = await fixture.Send(HttpMethod.Post, $"/api/obligations/{Letter}.3.1d.mobifone/waive", """{"reason":"Không áp dụng trong thời gian giãn cách"}""");
        Assert.Equal(HttpStatusCode.OK, waived.StatusCode);
        Assert.Equal("waived", (await fixture.Json(waived)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_administrator_adds_a_second_directive_without_code_and_its_obligations_follow()
    {
        const string body = """
            {"id":"127-stttt-bcvt","number":"127/STTTT-BCVT","date":"2021-02-01","issuer":"Sở Thông tin và Truyền thông tỉnh Gia Lai",
             "subject":"Báo cáo tình hình","clauses":[{"id":"1","text":"Báo cáo hằng ngày","textEn":"Report daily",
             "obligations":[{"kind":"emergency_reporting","addressees":["telecom","postal"],"cadence":"continuous"}]}]}
            """;
        using var created = await fixture.Send(HttpMethod.Post, "/api/directives", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/directives/127-stttt-bcvt", created.Headers.Location?.OriginalString);
        var made = await Obligations("?directive=127-stttt-bcvt");
        Assert.Equal(["mobifone", "vietnamobile", "viettel", "viettelpost", "vnpost", "vnpt"], made.Select(o => o.GetProperty("organisationId").GetString()).Order(StringComparer.Ordinal));

        using var again = await fixture.Send(HttpMethod.Post, "/api/directives", body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var replaced = await fixture.Send(HttpMethod.Put, "/api/directives/127-stttt-bcvt", body.Replace("\"telecom\",", ""));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, (await Obligations("?directive=127-stttt-bcvt")).Length);
    }

    [Theory]
    [InlineData("""{"id":"x1","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"bogus","addressees":["police"],"cadence":"continuous"}]}]}""", "clauses[0].obligations[0].kind")]
    [InlineData("""{"id":"x2","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["police"],"cadence":"once"}]}]}""", "clauses[0].obligations[0].deadline")]
    [InlineData("""{"id":"x3","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["police"],"cadence":"once","deadline":"soon"}]}]}""", "clauses[0].obligations[0].deadline")]
    [InlineData("""{"id":"x4","number":"1","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["police"],"cadence":"continuous"}]}]}""", "date")]
    [InlineData("""{"id":"x5","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[]}]}""", "clauses[0].obligations")]
    [InlineData("""{"id":"x6","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["police","police"],"cadence":"continuous"}]}]}""", "clauses[0].obligations[0].addressees")]
    public async Task A_malformed_directive_is_refused_naming_the_field_and_adds_nothing(string body, string field)
    {
        var before = (await fixture.Server.GetJson("/api/directives")).GetProperty("items").GetArrayLength();
        using var response = await fixture.Send(HttpMethod.Post, "/api/directives", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await fixture.Json(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        Assert.Equal(before, (await fixture.Server.GetJson("/api/directives")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_directive_addressed_to_an_organisation_that_does_not_exist_is_422_naming_the_field_and_adds_nothing()
    {
        var before = (await fixture.Server.GetJson("/api/directives")).GetProperty("items").GetArrayLength();
        using var response = await fixture.Send(HttpMethod.Post, "/api/directives",
            """{"id":"x7","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["telecom","polise"],"cadence":"continuous"}]}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await fixture.Json(response);
        Assert.Contains("polise", problem.GetProperty("errors").GetProperty("clauses[0].obligations[0].addressees")[0].GetString());
        Assert.Equal(before, (await fixture.Server.GetJson("/api/directives")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_demo_rosters_leave_one_hour_of_VNPTs_emergency_duty_unstaffed_and_Vietnamobile_without_a_roster()
    {
        var gaps = (await fixture.Server.GetJson("/api/flags?kind=roster_gap")).EnumerateArray().ToList();
        var vnpt = Assert.Single(gaps, g => g.GetProperty("related")[0].GetString() == "vnpt");
        Assert.Equal(1, vnpt.GetProperty("detail").GetProperty("hours").GetDouble());
        Assert.StartsWith("vnpt.emergency_response.", vnpt.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(3, gaps.Count(g => g.GetProperty("related")[0].GetString() == "vietnamobile"));
        Assert.DoesNotContain(gaps, g => g.GetProperty("related")[0].GetString() is "viettel" or "mobifone");
        Assert.Equal("met", (await Obligations("?kind=duty_roster&organisation=viettel")).Single().GetProperty("status").GetString());

        var onDuty = (await fixture.Server.GetJson("/api/shifts/on-duty?organisation=viettel")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["emergency_response", "leadership", "operations"], onDuty.Select(s => s.GetProperty("duty").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_roster_import_with_one_bad_row_keeps_the_others_and_reports_the_row()
    {
        var mobifone = await fixture.Server.ClientFor("operator-mobifone");
        using var response = await mobifone.PostAsync("/api/organisations/mobifone/shifts", ApiServer.JsonBody("""
            {"shifts":[
              {"id":"imp-1","duty":"operations","person":"Lê Thị C","phone":"0000 002 001","start":"2021-02-20T07:00:00+07:00","end":"2021-02-20T15:00:00+07:00"},
              {"id":"imp-2","duty":"operations","person":"Lê Thị D","phone":"0000 002 002","start":"2021-02-20T15:00:00+07:00","end":"2021-02-20T14:00:00+07:00"},
              {"id":"imp-3","duty":"night-watch","person":"Lê Thị E","phone":"0000 002 003","start":"2021-02-20T15:00:00+07:00","end":"2021-02-20T23:00:00+07:00"},
              {"id":"imp-4","duty":"emergency_response","person":"Lê Thị F","phone":"0000 002 004","start":"2021-02-20T15:00:00+07:00","end":"2021-02-20T23:00:00+07:00"}
            ]}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await fixture.Json(response);
        Assert.Equal(2, answer.GetProperty("saved").GetInt32());
        Assert.Equal(2, answer.GetProperty("rejected").GetInt32());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([200, 400, 400, 200], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.True(results[1].GetProperty("errors").TryGetProperty("end", out _), "row 2 names its end");
        Assert.True(results[2].GetProperty("errors").TryGetProperty("duty", out _), "row 3 names its duty");
        var held = (await fixture.Server.GetJson("/api/shifts?organisation=mobifone")).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("imp-1", held);
        Assert.Contains("imp-4", held);
        Assert.DoesNotContain("imp-2", held);

        using var removed = await mobifone.DeleteAsync("/api/organisations/mobifone/shifts/imp-4");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain("imp-4", (await fixture.Server.GetJson("/api/shifts?organisation=mobifone")).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        using var gone = await mobifone.DeleteAsync("/api/organisations/mobifone/shifts/imp-4");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_postal_enterprise_reports_its_days_declarations_and_bad_reports_are_refused()
    {
        // A postal enterprise of its own, so that the demo's stay as the other tests read them.
        using (var registered = await fixture.Send(HttpMethod.Put, $"/api/organisations/{Added}", """{"name":"Bưu chính thử","kind":"postal"}"""))
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using (var account = await fixture.Send(HttpMethod.Post, "/api/users", $$"""{"username":"operator-test-post","password":"{{TestAccounts.Password}}","role":"operator","scope":"test-post"}"""))
            Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        var post = await fixture.Server.ClientFor("operator-test-post");
        var id = $"{Letter}.3.2c.{Added}";
        // Registered today, it has already missed yesterday's report.
        Assert.Equal("overdue", (await fixture.Server.GetJson($"/api/obligations/{id}")).GetProperty("status").GetString());

        var today = (await fixture.Server.GetJson("/api/directives/clock")).GetProperty("now").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");
        using (var tooMany = await post.PutAsync($"/api/organisations/test-post/health-declarations/{today}", ApiServer.JsonBody("""{"declared":91,"worked":90}""")))
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using (var future = await post.PutAsync("/api/organisations/test-post/health-declarations/2031-01-01", ApiServer.JsonBody("""{"declared":1,"worked":1}""")))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        using (var notPostal = await fixture.Send(HttpMethod.Put, $"/api/organisations/viettel/health-declarations/{today}", """{"declared":1,"worked":1}"""))
            Assert.Equal(HttpStatusCode.Conflict, notPostal.StatusCode);
        using (var notItsOwn = await post.PutAsync($"/api/organisations/vnpost/health-declarations/{today}", ApiServer.JsonBody("""{"declared":1,"worked":1}""")))
            Assert.Equal(HttpStatusCode.Forbidden, notItsOwn.StatusCode);

        using var reported = await post.PutAsync($"/api/organisations/test-post/health-declarations/{today}", ApiServer.JsonBody("""{"declared":88,"worked":90}"""));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var obligation = await fixture.Server.GetJson($"/api/obligations/{id}");
        Assert.Equal("met", obligation.GetProperty("status").GetString());
        Assert.Contains("88 of 90", obligation.GetProperty("evidence").GetString());
        Assert.Equal(88.0 / 90, obligation.GetProperty("share").GetDouble(), 6);
    }
}
