using System.Net;
using Situation.Tests.Api;

namespace Situation.Tests.Passes;

/// <summary>
/// Bad input to crews, health declarations, passes, decisions, revocations, crossings and checks:
/// each is answered 4xx problem+json naming the field, and changes nothing — neither the crews nor
/// the passes.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class PassesBadInputTests(ApiServer fixture)
{
    /// <summary>What every case works on: a crew of viettel's, a zone with its checkpoint, a pass requested and one granted.</summary>
    private sealed record World(string Crew, string Zone, string Checkpoint, string Requested, string Granted);

    private static Task<World>? _world;

    private Task<World> Setup() => _world ??= Build();

    private async Task<World> Build()
    {
        var setup = new PassSetup(fixture);
        var (checkpoint, zone) = await setup.GuardedZone("622");
        var crew = PassSetup.Unique("crew");
        var viettel = await setup.Crew(crew);
        var requested = PassSetup.Unique("pass");
        await PassSetup.Ok(await viettel.PostAsync("/api/passes", ApiServer.JsonBody(PassSetup.PassBody(requested, crew, ["m1"], zone, checkpoint))));
        var granted = PassSetup.Unique("pass");
        await PassSetup.Ok(await viettel.PostAsync("/api/passes", ApiServer.JsonBody(PassSetup.PassBody(granted, crew, ["m1"], zone, checkpoint))));
        await PassSetup.Ok(await fixture.Http.PostAsync($"/api/passes/{granted}/decision", ApiServer.JsonBody("""{"grant":true}""")));
        return new World(crew, zone, checkpoint, requested, granted);
    }

    private static string Window(string from, string until) => $$"""
        "validFrom":"{{from}}","validUntil":"{{until}}"
        """.Trim();

    public static IEnumerable<object[]> Cases()
    {
        var now = DateTimeOffset.UtcNow;
        string At(TimeSpan offset) => now.Add(offset).ToString("O");
        var window = Window(At(TimeSpan.FromMinutes(-5)), At(TimeSpan.FromHours(8)));
        // {crew}, {zone}, {checkpoint}, {requested}, {granted} are the world's.
        return new (string Method, string Path, string Body, int Status, string Field)[]
        {
            ("PUT", "/api/organisations/viettel/crews/{crew}", "{}", 400, "name"),
            ("PUT", "/api/organisations/viettel/crews/{crew}", """{"name":"Tổ 1","members":"m1"}""", 400, "members"),
            ("PUT", "/api/organisations/viettel/crews/{crew}", """{"name":"Tổ 1","members":[{"id":"m1","name":"A"}]}""", 400, "members[0].phone"),
            ("PUT", "/api/organisations/viettel/crews/{crew}", """{"name":"Tổ 1","members":[{"id":"no spaces","name":"A","phone":"0000 000 001"}]}""", 400, "members[0].id"),
            ("PUT", "/api/organisations/viettel/crews/{crew}", """{"name":"Tổ \u202e1","members":[]}""", 400, "name"),
            ("PUT", "/api/organisations/viettel/crews/{crew}", """{"name":"Tổ 1","members":[{"id":"m1","name":"A","phone":"call me"}]}""", 400, "members[0].phone"),
            ("PUT", "/api/organisations/viettel/crews/{crew}/members/m1/declaration", """{"day":"tomorrow"}""", 400, "day"),
            ("PUT", "/api/organisations/viettel/crews/{crew}/members/m1/declaration", $$"""{"day":"{{now.AddDays(3):yyyy-MM-dd}}"}""", 400, "day"),
            ("PUT", "/api/organisations/viettel/crews/{crew}/members/nobody/declaration", "{}", 404, ""),
            ("POST", "/api/passes", "{}", 400, "crewId"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":[],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],{{window}}}""", 400, "memberIds"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],{{Window(At(TimeSpan.FromHours(2)), At(TimeSpan.FromHours(1)))}}}""", 400, "validUntil"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],{{Window(At(TimeSpan.Zero), At(TimeSpan.FromDays(8)))}}}""", 400, "validUntil"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],{{Window(At(TimeSpan.FromHours(-3)), At(TimeSpan.FromHours(-1)))}}}""", 400, "validUntil"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],"validFrom":"8 am"}""", 400, "validFrom"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"no-such-crew","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],{{window}}}""", 422, "crewId"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m9"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],{{window}}}""", 422, "memberIds"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["no-such-zone"],"checkpointIds":["{checkpoint}"],{{window}}}""", 422, "zoneIds"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["no-such-checkpoint"],{{window}}}""", 422, "checkpointIds"),
            ("POST", "/api/passes", $$"""{"enterpriseId":"viettel","crewId":"{crew}","memberIds":["m1"],"zoneIds":["{zone}"],"checkpointIds":["{checkpoint}"],"incidentId":"no-such-incident",{{window}}}""", 422, "incidentId"),
            ("POST", "/api/passes/{requested}/decision", "{}", 400, "grant"),
            ("POST", "/api/passes/{requested}/decision", """{"grant":"yes"}""", 400, "grant"),
            ("POST", "/api/passes/{requested}/decision", """{"grant":false}""", 400, "reason"),
            ("POST", "/api/passes/{granted}/revoke", "{}", 400, "reason"),
            ("POST", "/api/passes/{granted}/crossings", """{"checkpointId":"{checkpoint}","direction":"in"}""", 400, "id"),
            ("POST", "/api/passes/{granted}/crossings", """{"id":"c-1","checkpointId":"{checkpoint}","direction":"sideways"}""", 400, "direction"),
            ("POST", "/api/passes/{granted}/crossings", $$"""{"id":"c-2","checkpointId":"{checkpoint}","direction":"in","at":"{{now.AddHours(2):O}}"}""", 422, "at"),
            ("POST", "/api/passes/verify", """{"checkpointId":"{checkpoint}"}""", 400, "token"),
            ("POST", "/api/passes/verify", $$"""{"token":"{{new string('A', 5000)}}","checkpointId":"{checkpoint}"}""", 400, "token"),
            ("POST", "/api/passes/verify", """{"token":"SP1.a.b.c","checkpointId":"no such checkpoint"}""", 400, "checkpointId"),
        }.Select(c => new object[] { c.Method, c.Path, c.Body, c.Status, c.Field });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_naming_the_field_and_changes_nothing(string method, string path, string body, int status, string field)
    {
        var world = await Setup();
        string Fill(string text) => text.Replace("{crew}", world.Crew).Replace("{zone}", world.Zone).Replace("{checkpoint}", world.Checkpoint)
            .Replace("{requested}", world.Requested).Replace("{granted}", world.Granted);
        var before = (await fixture.Probe("/api/passes"), await fixture.Probe("/api/crews?enterprise=viettel"));

        using var response = await fixture.Send(new HttpMethod(method), Fill(path), Fill(body));
        var problem = await PassSetup.Problem(response, (HttpStatusCode)status);
        if (field.Length > 0)
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"the problem names {field}: {problem}");

        Assert.Equal(before, (await fixture.Probe("/api/passes"), await fixture.Probe("/api/crews?enterprise=viettel")));
    }
}
