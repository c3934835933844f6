using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// What a committee or an operator writes belongs where it says: a zone, checkpoint or office lies
/// in the district it names, and wifi is reported only by the operator the district made its provider.
/// </summary>
[Collection(SecurityServerCollection.Name)]
public sealed class BelongingTests(SecurityServer fixture)
{
    /// <summary>A square of about 1 km in the town of KBang (district 625), far from Pleiku (622).</summary>
    private const string InKbang = """{"type":"Polygon","coordinates":[[[108.595,14.137],[108.604,14.137],[108.604,14.146],[108.595,14.146],[108.595,14.137]]]}""";

    private const string PointInKbang = """{"type":"Point","coordinates":[108.5996,14.1415]}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task A_committee_cannot_declare_a_zone_in_another_district_by_naming_its_own()
    {
        using var pleiku = await fixture.Server.ClientFor("district-622");
        var id = $"zone-{Guid.NewGuid():N}"[..20];

        using var response = await pleiku.PostAsync("/api/zones", Json($$"""{"type":"Feature","id":"{{id}}","geometry":{{InKbang}},"properties":{"districtId":"622","name":"Khu ngoài huyện"} }"""));

        await AssertRefused(response, HttpStatusCode.UnprocessableEntity, "properties.districtId");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Server.Http.GetAsync($"/api/zones/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_committee_zone_reaching_over_its_border_is_refused_and_an_administrator_may_declare_it()
    {
        // Pleiku's square with a thin arm reaching east far past its border (its interior point stays in the square).
        const string across = """{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.975],[108.6,13.975],[108.6,13.977],[108.01,13.977],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]}""";
        using var pleiku = await fixture.Server.ClientFor("district-622");
        var id = $"zone-{Guid.NewGuid():N}"[..20];
        var body = $$"""{"type":"Feature","id":"{{id}}","geometry":{{across}},"properties":{"districtId":"622","name":"Liên huyện"} }""";

        using var refused = await pleiku.PostAsync("/api/zones", Json(body));
        using var declared = await fixture.Server.Http.PostAsync("/api/zones", Json(body));

        await AssertRefused(refused, HttpStatusCode.UnprocessableEntity, "geometry");
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
    }

    [Fact]
    public async Task Checkpoints_and_post_offices_lie_in_the_district_they_name()
    {
        using var pleiku = await fixture.Server.ClientFor("district-622");
        using var vnpost = await fixture.Server.ClientFor("operator-vnpost");
        var checkpointId = $"cp-{Guid.NewGuid():N}"[..20];
        var officeId = $"po-{Guid.NewGuid():N}"[..20];

        using var checkpoint = await pleiku.PostAsync("/api/checkpoints", Json($$"""{"id":"{{checkpointId}}","name":"Chốt","districtId":"622","location":{{PointInKbang}} }"""));
        using var office = await vnpost.PostAsync("/api/postal/offices", Json($$"""{"id":"{{officeId}}","operator":"vnpost","name":"Bưu cục","districtId":"622","location":{{PointInKbang}} }"""));

        await AssertRefused(checkpoint, HttpStatusCode.UnprocessableEntity, "districtId");
        await AssertRefused(office, HttpStatusCode.UnprocessableEntity, "districtId");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Server.Http.GetAsync($"/api/checkpoints/{checkpointId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Server.Http.GetAsync($"/api/postal/offices/{officeId}")).StatusCode);
    }

    [Fact]
    public async Task An_operator_cannot_make_itself_the_wifi_provider_of_a_checkpoint_nobody_serves()
    {
        var id = $"cp-{Guid.NewGuid():N}"[..20];
        await fixture.Admin(HttpMethod.Post, "/api/checkpoints", $$"""{"id":"{{id}}","name":"Chốt chưa có wifi","location":{"type":"Point","coordinates":[108.003,13.973]},"wifi":"none"}""");
        using var viettel = await fixture.Server.ClientFor("operator-viettel");

        using var claimed = await viettel.PatchAsync($"/api/checkpoints/{id}", Json("""{"wifiOperator":"viettel","wifi":"ok"}"""));
        using var reported = await viettel.PatchAsync($"/api/checkpoints/{id}", Json("""{"wifi":"ok"}"""));

        await AssertRefused(claimed, HttpStatusCode.Forbidden, "");
        await AssertRefused(reported, HttpStatusCode.Forbidden, "");
        var held = await fixture.Server.GetView($"/api/checkpoints/{id}");
        Assert.Equal("none", held.GetProperty("wifi").GetString());
        Assert.Equal(JsonValueKind.Null, held.TryGetProperty("wifiOperator", out var op) ? op.ValueKind : JsonValueKind.Null);
    }
}
