using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Situation.Contracts.Passes;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Passes;

/// <summary>
/// Crews, passes and their tokens through the HTTP API on the demo province: a member who has not
/// declared today is kept off a pass, only the zones' district grants, a granted token verifies at
/// its checkpoint and is refused with the right reason when tampered with, expired, revoked, shown
/// at another zone's or another checkpoint; a key rotation leaves passes already carried valid; a
/// crossing sent twice is kept once.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class PassesApiTests(ApiServer fixture)
{
    private readonly PassSetup _setup = new(fixture);

    private static StringContent Body(string json) => ApiServer.JsonBody(json);

    private async Task<string> Verdict(string token, string checkpoint) =>
        (await PassSetup.Ok(await fixture.Http.PostAsync("/api/passes/verify", Body($$"""{"token":"{{token}}","checkpointId":"{{checkpoint}}"}""")))).GetProperty("result").GetString()!;

    [Fact]
    public async Task A_granted_pass_verifies_at_its_checkpoint_and_each_way_it_can_be_wrong_is_refused_with_its_reason()
    {
        var (checkpoint, zone) = await _setup.GuardedZone("622");
        var (otherCheckpoint, _) = await _setup.GuardedZone("623");
        var crew = PassSetup.Unique("crew");
        var viettel = await _setup.Crew(crew);

        // Clause 3.2c: the member who has not declared today cannot be put on a pass.
        using (var undeclared = await viettel.PostAsync("/api/passes", Body(PassSetup.PassBody(PassSetup.Unique("pass"), crew, ["m1", "m2"], zone, checkpoint))))
            Assert.Contains("Rơ Châm Đức", (await PassSetup.Problem(undeclared, HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var id = PassSetup.Unique("pass");
        var requested = await PassSetup.Ok(await viettel.PostAsync("/api/passes", Body(PassSetup.PassBody(id, crew, ["m1"], zone, checkpoint))));
        Assert.Equal(("requested", "622", "81C-123.45"), (requested.GetProperty("state").GetString(), requested.GetProperty("districtId").GetString(), requested.GetProperty("vehiclePlate").GetString()));

        // Only the committee of the zones' district decides.
        using (var other = await (await fixture.Server.ClientFor("district-623")).PostAsync($"/api/passes/{id}/decision", Body("""{"grant":true}""")))
            await PassSetup.Problem(other, HttpStatusCode.Forbidden);
        using (var own = await viettel.PostAsync($"/api/passes/{id}/decision", Body("""{"grant":true}""")))
            await PassSetup.Problem(own, HttpStatusCode.Forbidden);
        var district = await fixture.Server.ClientFor("district-622");
        var granted = await PassSetup.Ok(await district.PostAsync($"/api/passes/{id}/decision", Body("""{"grant":true,"reason":"Khắc phục sự cố trạm"}""")));
        Assert.Equal("granted", granted.GetProperty("state").GetString());
        var token = granted.GetProperty("token").GetString()!;

        Assert.Equal("valid", await Verdict(token, checkpoint));
        var claims = (await PassSetup.Ok(await fixture.Http.PostAsync("/api/passes/verify", Body($$"""{"token":"{{token}}","checkpointId":"{{checkpoint}}"}""")))).GetProperty("claims");
        Assert.Equal(["Nguyễn Văn Thành"], claims.GetProperty("m").EnumerateArray().Select(m => m.GetString()));

        // One character of the claims changed: the signature no longer holds.
        var parts = token.Split('.');
        var changed = parts[2][5] == 'A' ? 'B' : 'A';
        Assert.Equal("bad_signature", await Verdict($"{parts[0]}.{parts[1]}.{parts[2][..5]}{changed}{parts[2][6..]}.{parts[3]}", checkpoint));
        Assert.Equal("malformed", await Verdict("not a pass", checkpoint));
        Assert.Equal("wrong_zone", await Verdict(token, otherCheckpoint));

        // The same checks a device makes offline, with the keys it keeps, at other moments and places.
        var keys = (await fixture.Server.GetJson("/api/passes/keys")).GetProperty("items").Deserialize<PassKey[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var none = new HashSet<string>();
        var window = (granted.GetProperty("validFrom").GetDateTimeOffset(), granted.GetProperty("validUntil").GetDateTimeOffset());
        Assert.Equal("valid", PassToken.Verify(token, keys, none, checkpoint, [zone], window.Item1).Result);
        Assert.Equal("expired", PassToken.Verify(token, keys, none, checkpoint, [zone], window.Item2).Result);
        Assert.Equal("not_yet_valid", PassToken.Verify(token, keys, none, checkpoint, [zone], window.Item1.AddSeconds(-1)).Result);
        Assert.Equal("wrong_checkpoint", PassToken.Verify(token, keys, none, "cp-another-road", [zone], window.Item1).Result);
        Assert.Equal("unknown_key", PassToken.Verify(token, [], none, checkpoint, [zone], window.Item1).Result);

        // The QR code the crew carries holds the token.
        using (var qr = await viettel.GetAsync($"/api/passes/{id}/qr.svg"))
        {
            Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
            Assert.InRange(int.Parse(qr.Headers.GetValues("X-Qr-Version").Single(), CultureInfo.InvariantCulture), 1, 40);
        }

        // Revoked: refused online and by the list a device keeps.
        await PassSetup.Ok(await district.PostAsync($"/api/passes/{id}/revoke", Body("""{"reason":"Tổ đã rút khỏi vùng"}""")));
        Assert.Equal("revoked", await Verdict(token, checkpoint));
        var revoked = (await fixture.Server.GetJson("/api/passes/revoked")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("passId").GetString()).ToList();
        Assert.Contains(id, revoked);
    }

    [Fact]
    public async Task A_rotated_key_leaves_passes_already_carried_valid_and_signs_the_next_ones()
    {
        var (checkpoint, zone) = await _setup.GuardedZone("622");
        var crew = PassSetup.Unique("crew");
        var viettel = await _setup.Crew(crew);
        var district = await fixture.Server.ClientFor("district-622");
        async Task<string> Granted()
        {
            var id = PassSetup.Unique("pass");
            await PassSetup.Ok(await viettel.PostAsync("/api/passes", Body(PassSetup.PassBody(id, crew, ["m1"], zone, checkpoint))));
            return (await PassSetup.Ok(await district.PostAsync($"/api/passes/{id}/decision", Body("""{"grant":true}""")))).GetProperty("token").GetString()!;
        }
        var before = await Granted();
        using (var refused = await district.PostAsync("/api/passes/keys/rotate", null))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var rotated = await PassSetup.Ok(await fixture.Http.PostAsync("/api/passes/keys/rotate", null));
        var after = await Granted();

        Assert.Equal(rotated.GetProperty("kid").GetString(), after.Split('.')[1]);
        Assert.NotEqual(before.Split('.')[1], after.Split('.')[1]);
        var published = (await fixture.Server.GetJson("/api/passes/keys")).GetProperty("items").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(before.Split('.')[1], published);
        Assert.Equal("valid", await Verdict(before, checkpoint));
        Assert.Equal("valid", await Verdict(after, checkpoint));

        // The trail names who rotated and holds the public keys before and after: never a private one.
        var record = (await fixture.Server.GetJson("/api/audit?entity=pass-keys/province&limit=1")).GetProperty("items")[0];
        Assert.Equal(("admin", "rotate"), (record.GetProperty("actor").GetString(), record.GetProperty("action").GetString()));
        foreach (var side in new[] { "before", "after" })
            foreach (var key in record.GetProperty(side).EnumerateArray())
                Assert.Equal(["createdAt", "kid", "publishedUntil", "retiredAt", "x", "y"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains(record.GetProperty("after").EnumerateArray(), k => k.GetProperty("kid").GetString() == rotated.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task A_checkpoint_officer_records_a_crossing_once_at_its_own_checkpoint_only()
    {
        var (checkpoint, zone) = await _setup.GuardedZone("622");
        var crew = PassSetup.Unique("crew");
        var viettel = await _setup.Crew(crew);
        var id = PassSetup.Unique("pass");
        await PassSetup.Ok(await viettel.PostAsync("/api/passes", Body(PassSetup.PassBody(id, crew, ["m1"], zone, checkpoint))));
        await PassSetup.Ok(await (await fixture.Server.ClientFor("district-622")).PostAsync($"/api/passes/{id}/decision", Body("""{"grant":true}""")));

        var crossing = $$"""{"id":"{{Guid.NewGuid()}}","checkpointId":"{{checkpoint}}","direction":"in","at":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}"}""";
        using (var elsewhere = await (await fixture.Server.ClientFor("checkpoint-623")).PostAsync($"/api/passes/{id}/crossings", Body(crossing)))
            await PassSetup.Problem(elsewhere, HttpStatusCode.Forbidden);
        var officer = await fixture.Server.ClientFor("checkpoint-622");
        using (var first = await officer.PostAsync($"/api/passes/{id}/crossings", Body(crossing)))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using (var again = await officer.PostAsync($"/api/passes/{id}/crossings", Body(crossing)))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var pass = await officer.GetFromJsonAsync<JsonElement>($"/api/passes/{id}");
        Assert.Equal(1, pass.GetProperty("crossings").GetArrayLength());
        Assert.Equal("checkpoint-622", pass.GetProperty("crossings")[0].GetProperty("recordedBy").GetString());
        Assert.True(pass.GetProperty("inside").GetBoolean());
        using (var future = await officer.PostAsync($"/api/passes/{id}/crossings", Body($$"""{"id":"{{Guid.NewGuid()}}","checkpointId":"{{checkpoint}}","direction":"out","at":"{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""")))
            await PassSetup.Problem(future, HttpStatusCode.UnprocessableEntity);

        // Clause 1.2: the officers report whether the checkpoint's wifi works — that, and nothing else of it.
        using (var wifi = await officer.PatchAsync($"/api/checkpoints/{checkpoint}", Body("""{"wifi":"down"}""")))
            Assert.Equal(HttpStatusCode.OK, wifi.StatusCode);
        using (var renamed = await officer.PatchAsync($"/api/checkpoints/{checkpoint}", Body("""{"name":"Chốt mới"}""")))
            await PassSetup.Problem(renamed, HttpStatusCode.Forbidden);
        using (var provider = await officer.PatchAsync($"/api/checkpoints/{checkpoint}", Body("""{"wifi":"ok","wifiOperator":"vnpt"}""")))
            await PassSetup.Problem(provider, HttpStatusCode.Forbidden);
        using (var notTheirs = await (await fixture.Server.ClientFor("checkpoint-623")).PatchAsync($"/api/checkpoints/{checkpoint}", Body("""{"wifi":"ok"}""")))
            await PassSetup.Problem(notTheirs, HttpStatusCode.Forbidden);

        // The officer's kit: its checkpoints with the zones they guard, the keys, the revoked passes.
        var kit = await officer.GetFromJsonAsync<JsonElement>("/api/passes/checkpoint-kit");
        var entry = kit.GetProperty("checkpoints").EnumerateArray().Single(c => c.GetProperty("id").GetString() == checkpoint);
        Assert.Contains(entry.GetProperty("zones").EnumerateArray(), z => z.GetProperty("id").GetString() == zone);
        Assert.NotEmpty(kit.GetProperty("keys").EnumerateArray());
        Assert.Equal("down", entry.GetProperty("wifi").GetString());
    }
}
