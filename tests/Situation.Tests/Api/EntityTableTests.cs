using System.Net;
using System.Reflection;
using System.Text.Json;
using Situation.Contracts.Entities;
using Situation.Contracts.Views;
using Situation.Grains.Entities;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// Walks the entity table: every row must be complete, so a type added with a missing part fails
/// here. Each type is written over HTTP and must come back the same through its own GET, its list,
/// the snapshot and the live feed, with its geometry where the row says it is.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class EntityTableTests(ApiServer api)
{
    private static readonly string Suffix = Guid.NewGuid().ToString("N")[..8];

    /// <summary>One write per entity type, as its owner's API takes it: (method, path, body, id written).</summary>
    private static readonly Dictionary<string, (string Method, string Path, string Body, string Id)> Writes = new()
    {
        ["district"] = ("PUT", "/api/districts/638/level", $$"""{"level":"watch","note":"entity table {{Suffix}}"}""", "638"),
        ["zone"] = ("POST", "/api/zones",
            $$"""{"type":"Feature","id":"et-zone-{{Suffix}}","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"Tổ 9"} }""",
            $"et-zone-{Suffix}"),
        ["checkpoint"] = ("POST", "/api/checkpoints",
            $$"""{"id":"et-cp-{{Suffix}}","name":"Chốt bảng","location":{"type":"Point","coordinates":[108.003,13.973]},"wifi":"none"}""",
            $"et-cp-{Suffix}"),
        ["site"] = ("POST", "/api/sites",
            $$"""{"id":"et-site-{{Suffix}}","operator":"viettel","kind":"bts","location":{"type":"Point","coordinates":[108.0,13.97]} }""",
            $"et-site-{Suffix}"),
        ["office"] = ("POST", "/api/postal/offices",
            $$"""{"id":"et-office-{{Suffix}}","operator":"vnpost","name":"Bưu cục bảng","location":{"type":"Point","coordinates":[108.0,13.97]} }""",
            $"et-office-{Suffix}"),
        ["route"] = ("POST", "/api/postal/routes",
            $$"""{"type":"Feature","id":"et-route-{{Suffix}}","geometry":{"type":"LineString","coordinates":[[107.995,13.965],[108.005,13.975]]},"properties":{"operator":"vnpost","name":"Tuyến bảng"} }""",
            $"et-route-{Suffix}"),
    };

    public static IEnumerable<object[]> Rows() => EntityTable.All.Select(row => new object[] { row.Type });

    [Theory, MemberData(nameof(Rows))]
    public void A_row_names_a_grain_that_stores_its_view_under_its_type(string type)
    {
        var row = EntityTable.Of(type);
        var grain = typeof(EntityGrain<>).Assembly.GetTypes().Single(t => t is { IsClass: true, IsAbstract: false } && row.Grain.IsAssignableFrom(t));
        var state = grain.GetConstructors().Single().GetParameters()
            .Single(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null);

        Assert.Equal(row.Type, state.GetCustomAttribute<PersistentStateAttribute>()!.StateName);
        Assert.Equal(typeof(IPersistentState<>).MakeGenericType(typeof(EntityState<>).MakeGenericType(row.View)), state.ParameterType);
        Assert.True(row.View.IsSubclassOf(typeof(EntityView)), $"{row.View.Name} is not an entity view");
        Assert.Contains(row.View.GetProperties(), p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == row.GeometryField);
    }

    [Theory, MemberData(nameof(Rows))]
    public async Task A_written_entity_comes_back_through_its_GET_its_list_the_snapshot_and_the_live_feed(string type)
    {
        var row = EntityTable.Of(type);
        Assert.True(Writes.TryGetValue(type, out var write), $"the table has a row '{type}' this test does not know how to write: add it to Writes");
        await using var mirror = await LiveMirror.Connect(api.Server, "province");

        using var response = await api.Send(new HttpMethod(write.Method), write.Path, write.Body);
        var written = await api.Json(response);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{response.StatusCode}: {written}");
        var version = written.GetProperty("version").GetInt64();
        var geometry = written.GetProperty(row.GeometryField).GetRawText();

        var one = await api.Server.GetJson($"{row.ApiPath}/{write.Id}");
        // The flag engine may have written a derived state (a new version) since: never an older one.
        Assert.Equal(("Feature", write.Id), (one.GetProperty("type").GetString(), one.GetProperty("id").GetString()));
        Assert.True(one.GetProperty("properties").GetProperty("version").GetInt64() >= version);
        Assert.Equal(geometry, one.GetProperty("geometry").GetRawText());

        var listed = (await api.Server.GetJson(row.ApiPath)).GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == write.Id);
        Assert.True(listed.GetProperty("properties").GetProperty("version").GetInt64() >= version);
        Assert.Equal(geometry, listed.GetProperty("geometry").GetRawText());

        var snapshot = await api.Server.GetJson("/api/situation");
        var inSnapshot = snapshot.GetProperty(row.Section).GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == write.Id);
        Assert.True(inSnapshot.GetProperty("properties").GetProperty("version").GetInt64() >= version);
        Assert.Equal(geometry, inSnapshot.GetProperty("geometry").GetRawText());

        // Pushes coalesce per entity, so a later version may arrive in the written one's place.
        await mirror.WaitUntil(m => m.Received.Any(r => r.Type == row.Type && r.Id == write.Id && r.Version >= version), TimeSpan.FromSeconds(15),
            $"the live change of {row.Type} {write.Id} v{version}");
        Assert.Equal(geometry, mirror.DataOf(row.Type, write.Id)!.Value.GetProperty(row.GeometryField).GetRawText());
    }
}
