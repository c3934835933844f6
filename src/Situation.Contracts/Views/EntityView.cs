using System.Text.Json.Serialization;

namespace Situation.Contracts.Views;

/// <summary>
/// The state of one entity as the API, the snapshot and the live stream show it. The same record is
/// the grain's persisted state and what the read-side index holds, so all three always agree.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.entity-view")]
public abstract record EntityView
{
    [Id(0), JsonPropertyOrder(-2)] public required string Id { get; init; }

    /// <summary>Grows with every accepted change of this entity; clients ignore anything older.</summary>
    [Id(1), JsonPropertyOrder(-1)] public long Version { get; init; }

    [Id(2)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(3)] public string UpdatedBy { get; init; } = "";

    /// <summary>The district whose index lists this entity; null for province-wide ones (routes).</summary>
    [JsonIgnore] public abstract string? IndexDistrictId { get; }

    /// <summary>
    /// The districts whose subscribers see this entity's changes: the one it lies in, or every one a
    /// province-wide entity passes through.
    /// </summary>
    [JsonIgnore] public virtual IReadOnlyList<string> ScopeDistrictIds => IndexDistrictId is { } district ? [district] : [];

    /// <summary>Where the entity is on the map: a <see cref="Model.GeoPoint"/> or a <see cref="Model.GeoShape"/>.</summary>
    [JsonIgnore] public abstract object Geometry { get; }

    [JsonIgnore] public abstract string EntityType { get; }
}
