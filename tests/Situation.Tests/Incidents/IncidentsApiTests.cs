using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Incidents;

/// <summary>
/// Incidents through the HTTP API on the demo province: one call opens one from an open flag, steps
/// the state does not allow are 409 problem+json, an enterprise sees its own, and bad input is
/// refused by field and changes nothing.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class IncidentsApiTests(ApiServer fixture)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> ViettelSite() =>
        (await fixture.Server.GetJson("/api/sites?district=622")).GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("properties").GetProperty("operator").GetString() == "viettel").GetProperty("id").GetString()!;

    private async Task<HttpResponseMessage> Post(HttpClient client, string path, string json) => await client.PostAsync(path, ApiServer.JsonBody(json));

    [Fact]
    public async Task A_leader_opens_one_incident_from_a_flag_naming_the_enterprise_and_a_step_out_of_order_is_409()
    {
        // A checkpoint without wifi whose district has not yet named a provider: nobody is named to act.
        var flag = (await fixture.Server.GetJson("/api/flags?kind=checkpoint_no_wifi")).EnumerateArray()
            .First(f => !f.GetProperty("related").EnumerateArray().Any(r => r.GetString()!.StartsWith("operator:", StringComparison.Ordinal)));
        var flagId = flag.GetProperty("id").GetString()!;
        var leader = await fixture.Server.ClientFor("leader");

        // An area names nobody who must act: the leader says which enterprise, and it must be one.
        using (var nobody = await Post(leader, "/api/incidents", $$"""{"flagId":"{{flagId}}"}"""))
            Assert.True((await Problem(nobody, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("enterpriseId", out _));
        using (var police = await Post(leader, "/api/incidents", $$"""{"flagId":"{{flagId}}","enterpriseId":"police"}"""))
            await Problem(police, HttpStatusCode.UnprocessableEntity);

        var id = Unique("inc");
        using var opened = await Post(leader, "/api/incidents", $$"""{"id":"{{id}}","flagId":"{{flagId}}","enterpriseId":"viettel","note":"Mất sóng trong vùng cách ly"}""");
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal($"/api/incidents/{id}", opened.Headers.Location?.OriginalString);
        var incident = await fixture.Json(opened);
        Assert.Equal(("open", "viettel", flagId), (incident.GetProperty("state").GetString(), incident.GetProperty("enterpriseId").GetString(), incident.GetProperty("flagId").GetString()));
        Assert.Equal(flag.GetProperty("subject").GetProperty("id").GetString(), incident.GetProperty("subjects")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, incident.GetProperty("location").ValueKind);

        // The same opening sent again is the same incident; another one for the flag is refused while it is open.
        using (var resent = await Post(leader, "/api/incidents", $$"""{"id":"{{id}}","flagId":"{{flagId}}","enterpriseId":"viettel"}"""))
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        using (var second = await Post(leader, "/api/incidents", $$"""{"flagId":"{{flagId}}","enterpriseId":"viettel"}"""))
            Assert.Equal(id, (await Problem(second, HttpStatusCode.Conflict)).GetProperty("incidentId").GetString());

        var viettel = await fixture.Server.ClientFor("operator-viettel");
        using (var early = await Post(viettel, $"/api/incidents/{id}/steps", """{"state":"on_site"}"""))
            Assert.Contains("acknowledged, cancelled", (await Problem(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using (var byLeader = await Post(leader, $"/api/incidents/{id}/steps", """{"state":"acknowledged"}"""))
            await Problem(byLeader, HttpStatusCode.Forbidden);
        using (var acknowledged = await Post(viettel, $"/api/incidents/{id}/steps", """{"state":"acknowledged","note":"Đã nhận"}"""))
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        using (var cancelled = await Post(viettel, $"/api/incidents/{id}/steps", """{"state":"cancelled","note":"Trùng"}"""))
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using (var closed = await Post(viettel, $"/api/incidents/{id}/steps", """{"state":"resolved"}"""))
            Assert.Contains("closed", (await Problem(closed, HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var trail = (await fixture.Server.GetJson($"/api/audit?entity=incident/{id}")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("actor").GetString()).ToList();
        Assert.Equal(["operator-viettel", "operator-viettel", "leader"], trail);
    }

    [Fact]
    public async Task An_enterprise_opens_one_on_its_own_site_and_only_it_its_district_and_leaders_see_it()
    {
        var site = await ViettelSite();
        var viettel = await fixture.Server.ClientFor("operator-viettel");
        using var opened = await Post(viettel, "/api/incidents", $$"""{"subjects":[{"type":"site","id":"{{site}}"}],"note":"Đứt cáp"}""");
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incident = await fixture.Json(opened);
        var id = incident.GetProperty("id").GetString()!;
        Assert.Equal(("viettel", "622"), (incident.GetProperty("enterpriseId").GetString(), incident.GetProperty("districtId").GetString()));

        // A site of another operator is not viettel's to open an incident on.
        var vnpt = await fixture.Server.ClientFor("operator-vnpt");
        using (var foreign = await Post(vnpt, "/api/incidents", $$"""{"subjects":[{"type":"site","id":"{{site}}"}],"enterpriseId":"vnpt"}"""))
            Assert.NotEqual(HttpStatusCode.Created, foreign.StatusCode);

        async Task<bool> Sees(string user) =>
            (await (await fixture.Server.ClientFor(user)).GetFromJsonAsync<JsonElement>("/api/incidents")).GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == id);
        Assert.True(await Sees("operator-viettel"));
        Assert.True(await Sees("leader"));
        Assert.True(await Sees("district-622"));
        Assert.False(await Sees("operator-vnpt"));
        Assert.False(await Sees("district-623"));
        using (var hidden = await vnpt.GetAsync($"/api/incidents/{id}"))
            await Problem(hidden, HttpStatusCode.NotFound);

        var summary = await (await fixture.Server.ClientFor("leader")).GetFromJsonAsync<JsonElement>("/api/incidents/summary?hours=24");
        Assert.True(summary.GetProperty("province").GetProperty("open").GetInt32() >= 1);
        Assert.Contains(summary.GetProperty("enterprises").EnumerateArray(), r => r.GetProperty("key").GetString() == "viettel");
    }

    [Theory]
    [InlineData("/api/incidents", """{}""", 400, "subjects")]
    [InlineData("/api/incidents", """{"subjects":[{"type":"castle","id":"x"}]}""", 400, "subjects[0].type")]
    [InlineData("/api/incidents", """{"subjects":[{"type":"site"}]}""", 400, "subjects[0].id")]
    [InlineData("/api/incidents", """{"flagId":"no-such-flag"}""", 422, "flagId")]
    [InlineData("/api/incidents", """{"subjects":[{"type":"site","id":"no-such-site"}],"enterpriseId":"viettel"}""", 422, "subjects")]
    [InlineData("/api/incidents", """{"subjects":"site"}""", 400, "subjects")]
    [InlineData("/api/incidents/{id}/steps", """{"state":"open"}""", 400, "state")]
    [InlineData("/api/incidents/{id}/steps", """{"state":"flying"}""", 400, "state")]
    [InlineData("/api/incidents/{id}/steps", """{"state":"acknowledged","crewId":"crew-1"}""", 400, "state")]
    [InlineData("/api/incidents/{id}/steps", """{"state":"crew_dispatched","person":"A"}""", 400, "phone")]
    [InlineData("/api/incidents/{id}/steps", """{"state":"crew_dispatched","crewId":"no-such-crew"}""", 422, "crewId")]
    public async Task Bad_input_is_refused_by_field_and_changes_nothing(string path, string body, int status, string field)
    {
        var site = await ViettelSite();
        using var opened = await fixture.Send(HttpMethod.Post, "/api/incidents", $$"""{"subjects":[{"type":"site","id":"{{site}}"}]}""");
        var id = (await fixture.Json(opened)).GetProperty("id").GetString()!;
        var before = await fixture.Probe("/api/incidents");
        using var response = await fixture.Send(HttpMethod.Post, path.Replace("{id}", id), body);
        var problem = await Problem(response, (HttpStatusCode)status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        Assert.Equal(before, await fixture.Probe("/api/incidents"));
    }

    [Fact]
    public async Task A_list_filter_with_an_unknown_word_is_400_and_an_unknown_incident_404()
    {
        using (var word = await fixture.Http.GetAsync("/api/incidents?state=flying"))
            await Problem(word, HttpStatusCode.BadRequest);
        using (var hours = await fixture.Http.GetAsync("/api/incidents/summary?hours=0"))
            await Problem(hours, HttpStatusCode.BadRequest);
        using (var missing = await fixture.Http.GetAsync("/api/incidents/no-such-incident"))
            await Problem(missing, HttpStatusCode.NotFound);
        using (var step = await fixture.Send(HttpMethod.Post, "/api/incidents/no-such-incident/steps", """{"state":"acknowledged"}"""))
            await Problem(step, HttpStatusCode.NotFound);
    }
}
