using System.Globalization;
using System.Net;
using System.Text.Json;
using Situation.Tests.Api;

namespace Situation.Tests.Passes;

/// <summary>
/// What the pass tests set up on the demo province through the API: a checkpoint and a new
/// quarantine zone beside it, a crew of viettel's whose first member declared today, a pass request;
/// and how they read an answer that must succeed or be a given problem.
/// </summary>
public sealed class PassSetup(ApiServer fixture)
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private static string C(double x) => x.ToString(CultureInfo.InvariantCulture);

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Body(string json) => ApiServer.JsonBody(json);

    /// <summary>A district's first checkpoint, and a new quarantine zone beside it, inside the district.</summary>
    public async Task<(string Checkpoint, string Zone)> GuardedZone(string district)
    {
        var checkpoint = (await fixture.Server.GetJson($"/api/checkpoints?district={district}")).GetProperty("features").EnumerateArray().First();
        var at = checkpoint.GetProperty("geometry").GetProperty("coordinates");
        var (lon, lat) = (at[0].GetDouble(), at[1].GetDouble());
        // The checkpoint stands where a road crosses the district's border: one side of it is the district's.
        foreach (var (dx, dy) in new[] { (0.006, 0.0), (-0.006, 0.0), (0.0, 0.006), (0.0, -0.006) })
        {
            var (x, y, d) = (lon + dx, lat + dy, 0.002);
            var zone = Unique($"zone-{district}");
            var square = $$"""{"type":"Polygon","coordinates":[[[{{C(x - d)}},{{C(y - d)}}],[{{C(x + d)}},{{C(y - d)}}],[{{C(x + d)}},{{C(y + d)}}],[{{C(x - d)}},{{C(y + d)}}],[{{C(x - d)}},{{C(y - d)}}]]]}""";
            using var created = await fixture.Send(HttpMethod.Post, "/api/zones", $$"""{"type":"Feature","id":"{{zone}}","geometry":{{square}},"properties":{"districtId":"{{district}}","name":"Khu cách ly thử"} }""");
            if (created.StatusCode == HttpStatusCode.Created)
                return (checkpoint.GetProperty("id").GetString()!, zone);
        }
        throw new InvalidOperationException($"no zone could be put beside district {district}'s checkpoint");
    }

    /// <summary>A crew of viettel's with two members, the first of whom declared today; answers viettel's client.</summary>
    public async Task<HttpClient> Crew(string crew)
    {
        var viettel = await fixture.Server.ClientFor("operator-viettel");
        await Ok(await viettel.PutAsync($"/api/organisations/viettel/crews/{crew}", Body("""
            {"name":"Tổ ứng cứu thông tin số 1","vehiclePlate":"81C-123.45","members":[
              {"id":"m1","name":"Nguyễn Văn Thành","phone":"0000 000 601"},{"id":"m2","name":"Rơ Châm Đức","phone":"0000 000 602"}]}
            """)));
        await Ok(await viettel.PutAsync($"/api/organisations/viettel/crews/{crew}/members/m1/declaration", Body("{}")));
        return viettel;
    }

    public static string PassBody(string id, string crew, string[] members, string zone, string checkpoint) =>
        $$"""{"id":"{{id}}","crewId":"{{crew}}","memberIds":[{{string.Join(",", members.Select(m => $"\"{m}\""))}}],"zoneIds":["{{zone}}"],"checkpointIds":["{{checkpoint}}"],"validFrom":"{{DateTimeOffset.UtcNow.AddMinutes(-5):O}}","validUntil":"{{DateTimeOffset.UtcNow.AddHours(8):O}}"}""";
}
