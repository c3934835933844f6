using Orleans.Concurrency;
using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Contracts.Grains;

/// <summary>Every entity grain answers with its current view.</summary>
[Alias("situation.IEntityGrain")]
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Interleaves so that an index rebuilding itself can read an entity that is at that moment
    /// waiting on the same index; grains only publish state that is already durable.
    /// </summary>
    [AlwaysInterleave, Alias("GetView")]
    Task<EntityView?> GetView();
}

/// <summary>An entity that reports (site, checkpoint, office, route) and can go stale.</summary>
[Alias("situation.IReportingGrain")]
public interface IReportingGrain : IEntityGrain
{
    /// <summary>
    /// Records what the flag engine derived from version <paramref name="basedOn"/>; a difference is a
    /// change of the entity (new version). Ignored when the entity has moved on since: the engine will
    /// see the newer version and derive again. One-way, so the engine never waits on an entity.
    /// </summary>
    [OneWay, Alias("SetDerived")] Task SetDerived(DerivedState derived, long basedOn);
}

[Alias("situation.IDistrictGrain")]
public interface IDistrictGrain : IEntityGrain
{
    [Alias("Register")] Task<WriteResult<DistrictView>> Register(DistrictRegistration registration, Actor actor);
    [Alias("SetLevel")] Task<WriteResult<DistrictView>> SetLevel(string level, string? note, Actor actor);
}

[Alias("situation.IZoneGrain")]
public interface IZoneGrain : IEntityGrain
{
    [Alias("Create")] Task<WriteResult<ZoneView>> Create(ZoneDefinition definition, Actor actor);
    [Alias("Update")] Task<WriteResult<ZoneView>> Update(ZoneDefinition definition, Actor actor);
    [Alias("Lift")] Task<WriteResult<ZoneView>> Lift(Actor actor);
}

[Alias("situation.ICheckpointGrain")]
public interface ICheckpointGrain : IReportingGrain
{
    [Alias("Save")] Task<WriteResult<CheckpointView>> Save(CheckpointDefinition definition, Actor actor);
    [Alias("Patch")] Task<WriteResult<CheckpointView>> Patch(CheckpointPatch patch, Actor actor);
}

[Alias("situation.ISiteGrain")]
public interface ISiteGrain : IReportingGrain
{
    [Alias("Register")] Task<WriteResult<SiteView>> Register(SiteRegistration registration, Actor actor);
    [Alias("Report")] Task<WriteResult<SiteView>> Report(SiteReport report, Actor actor);

    /// <summary>
    /// A new site registered together with its first report, as one version and one write (the demo
    /// loader's 150,000 sites would otherwise be 300,000 writes); a site that exists already is
    /// registered and then reported, as the two calls would. A load's call: the site is not kept in
    /// memory afterwards (its index holds its view; its next report activates it from storage), so
    /// that a province loaded at a first start does not hold 150,000 activations it does not use.
    /// </summary>
    [Alias("RegisterWithReport")] Task<WriteResult<SiteView>> RegisterWithReport(SiteRegistration registration, SiteReport report, Actor actor);
}

[Alias("situation.IOfficeGrain")]
public interface IOfficeGrain : IReportingGrain
{
    [Alias("Register")] Task<WriteResult<OfficeView>> Register(OfficeRegistration registration, Actor actor);
    [Alias("Report")] Task<WriteResult<OfficeView>> Report(StatusReport report, Actor actor);
}

[Alias("situation.IRouteGrain")]
public interface IRouteGrain : IReportingGrain
{
    [Alias("Register")] Task<WriteResult<RouteView>> Register(RouteRegistration registration, Actor actor);
    [Alias("Report")] Task<WriteResult<RouteView>> Report(StatusReport report, Actor actor);
}
