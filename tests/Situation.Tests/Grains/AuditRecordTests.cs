using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Situation.Contracts.Audit;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Entities;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Grains;

/// <summary>The entity grains' side of the audit trail: one record per version, none for heartbeats, each stored with its change.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class AuditRecordTests(GrainCluster cluster)
{
    private static readonly Actor Operator = new("operator-vnpt");

    private static string NewId() => $"audit-{Guid.NewGuid():N}"[..24];

    private async Task<IReadOnlyList<AuditRecord>> Trail(string type, string id) =>
        (await cluster.Audit.Query(new AuditQuery(EntityType: type, EntityId: id))).Items.Reverse().ToList();

    [Fact]
    public async Task Every_version_has_exactly_one_record_and_a_heartbeat_has_none()
    {
        var id = NewId();
        var site = cluster.Grains.Get<ISiteGrain>(EntityType.Site, id);
        await site.Register(new SiteRegistration("vnpt", "bts", null, new GeoPoint(108.0, 13.97), null, null, "622"), Operator);
        await site.Report(new SiteReport("down", "battery", 30, ["power"], null), Operator);
        await site.Report(new SiteReport("down", "battery", 30, ["power"], null), Operator);
        await site.Report(new SiteReport("up", "grid", null, [], null), Operator);

        var trail = await Trail(EntityType.Site, id);

        Assert.Equal([1L, 2, 3], trail.Select(r => r.Version));
        Assert.Equal(["register", "report", "report"], trail.Select(r => r.Action));
        Assert.All(trail, r => Assert.Equal("operator-vnpt", r.Actor));
        Assert.Null(trail[0].Before);
        Assert.Equal(trail[0].After, trail[1].Before);
        Assert.Equal(trail[1].After, trail[2].Before);
        Assert.Equal("down", JsonDocument.Parse(trail[1].After!).RootElement.GetProperty("health").GetString());
    }

    [Fact]
    public async Task The_embedded_store_keeps_a_changes_before_and_after_once_in_the_trail_not_again_in_the_state()
    {
        var id = NewId();
        var site = cluster.Grains.Get<ISiteGrain>(EntityType.Site, id);
        await site.Register(new SiteRegistration("vnpt", "bts", null, new GeoPoint(108.0, 13.97), null, null, "622"), Operator);
        await site.Report(new SiteReport("down", "battery", 30, ["power"], null), Operator);

        var stored = await cluster.Stored<EntityState<SiteView>>("site", site);

        Assert.Equal(2, stored.State!.Current!.Version);
        Assert.Null(stored.State.LastChange);
        Assert.Equal([1L, 2], (await Trail(EntityType.Site, id)).Select(r => r.Version));
    }

    /// <summary>A new office's first state as its grain would store it, with the record of its registration.</summary>
    private GrainState<EntityState<OfficeView>> FirstState(string id, string? etag)
    {
        var view = new OfficeView
        {
            Id = id, Version = 1, UpdatedAt = cluster.Clock.GetUtcNow(), UpdatedBy = "operator-vnpost",
            Operator = "vnpost", DistrictId = "622", Name = "Bưu cục", Location = new GeoPoint(108.0, 13.97), Status = "open",
        };
        var change = AuditedChange.Of(EntityType.Office, id, new Actor("operator-vnpost"), "register", 1, view.UpdatedAt, null, "{\"id\":\"" + id + "\"}");
        return new GrainState<EntityState<OfficeView>>(new EntityState<OfficeView> { Current = view, LastChange = change }, etag);
    }

    private IGrainStorage Storage => cluster.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainCluster.StorageName);

    [Fact]
    public async Task A_state_carrying_a_change_is_stored_with_its_record_in_one_write()
    {
        // What the storage is handed is all there is: no append after it, so a crash cannot come between.
        var id = NewId();
        var grain = cluster.Grains.Get<IOfficeGrain>(EntityType.Office, id);
        Assert.Empty(await Trail(EntityType.Office, id));

        await Storage.WriteStateAsync("office", grain.GetGrainId(), FirstState(id, etag: null));

        var trail = await Trail(EntityType.Office, id);
        Assert.Equal(("operator-vnpost", "register", 1L), (trail.Single().Actor, trail.Single().Action, trail.Single().Version));
    }

    [Fact]
    public async Task A_state_write_refused_for_its_ETag_stores_no_record()
    {
        var id = NewId();
        var grain = cluster.Grains.Get<IOfficeGrain>(EntityType.Office, id);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("office", grain.GetGrainId(), FirstState(id, etag: "41")));

        Assert.Empty(await Trail(EntityType.Office, id));
    }

    [Fact]
    public async Task Appending_the_same_change_twice_keeps_one_record_and_the_trail_refuses_rewrites()
    {
        var record = new AuditRecord(cluster.Clock.GetUtcNow(), "leader", "flag", NewId(), 7, "acknowledge", null, "{}");
        await cluster.Audit.Append([record]);
        await cluster.Audit.Append([record with { Actor = "someone-else" }]);

        var stored = await Trail("flag", record.EntityId);

        Assert.Equal("leader", stored.Single().Actor);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cluster.DatabasePath}");
        await connection.OpenAsync();
        await using var rewrite = connection.CreateCommand();
        rewrite.CommandText = "UPDATE audit SET actor = 'forger' WHERE entity_id = $id";
        rewrite.Parameters.AddWithValue("$id", record.EntityId);
        var error = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => rewrite.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.Message);
    }
}
