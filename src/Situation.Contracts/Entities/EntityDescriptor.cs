using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;

namespace Situation.Contracts.Entities;

/// <summary>Who an entity belongs to: the member of its view that names the owner, and the role that owner holds.</summary>
public enum OwnedBy
{
    /// <summary>The district committee of the view's <c>districtId</c>.</summary>
    District,

    /// <summary>The organisation named by the view's <c>operator</c>.</summary>
    Operator,
}

/// <summary>Which index lists an entity, and so which district's subscribers see its changes.</summary>
public enum IndexPlacement
{
    /// <summary>The index of the district the entity lies in.</summary>
    District,

    /// <summary>The province-wide index: the entity crosses districts (a postal route).</summary>
    ProvinceWide,
}

/// <summary>
/// Everything the platform needs to know of one entity type to store, list, show, stream and guard
/// it. Every place that used to switch on the type reads this instead, so a new type is one row of
/// <see cref="EntityTable"/> beside its view, commands, grain and API.
/// </summary>
/// <param name="Type">The contract word (<c>"site"</c>): the type of a change item, the prefix of its grain key, its audit trail's name.</param>
/// <param name="Section">The member of the snapshot (<c>GET /api/situation</c>) that holds this type's FeatureCollection.</param>
/// <param name="ApiPath">Where the HTTP API lists the type and shows one of it (<c>{ApiPath}/{id}</c>).</param>
/// <param name="Grain">The grain interface, keyed by <see cref="EntityType.GrainKey"/>.</param>
/// <param name="View">The view record: the grain's stored state, the API's and the live feed's shape.</param>
/// <param name="GeometryField">The view's member that holds its geometry, as JSON names it (a Feature's geometry in lists).</param>
/// <param name="OwnedBy">Whose the entity is; that role may write it within its scope (admins may write anything).</param>
/// <param name="Index">Which index lists it.</param>
public sealed record EntityDescriptor(
    string Type,
    string Section,
    string ApiPath,
    Type Grain,
    Type View,
    string GeometryField,
    OwnedBy OwnedBy,
    IndexPlacement Index)
{
    /// <summary>The role whose scope owns entities of this type.</summary>
    public string OwnerRole => OwnedBy == OwnedBy.District ? Roles.District : Roles.Operator;

    /// <summary>The grain of the entity with this id.</summary>
    public IEntityGrain GrainOf(IGrainFactory grains, string id) => (IEntityGrain)grains.Reference(Grain, EntityType.GrainKey(Type, id));
}
