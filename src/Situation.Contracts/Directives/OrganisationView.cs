using Situation.Contracts.Model;

namespace Situation.Contracts.Directives;

/// <summary>
/// An addressee of the directives: the police, the military, a district committee, the power or
/// water company, a telecom or postal enterprise. Its code is what its accounts' scope names
/// (<see cref="Accounts.WriteGate.OrganisationOf"/>): <c>district-622</c>, <c>viettel</c>, <c>police</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.organisation-view")]
public sealed record OrganisationView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3), Words("OrganisationKind")] public required string Kind { get; init; }
    /// <summary>The district a district committee governs; null for province-wide organisations.</summary>
    [Id(4)] public string? DistrictId { get; init; }
    /// <summary>The person the DIC calls about problems (đầu mối liên hệ), once the organisation has named one.</summary>
    [Id(5)] public ContactPoint? ContactPoint { get; init; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(7)] public string UpdatedBy { get; init; } = "";
    /// <summary>A postal enterprise's daily health-declaration reports, the newest first, the last 30 days.</summary>
    [Id(8)] public HealthDeclarationReport[] HealthDeclarations { get; init; } = [];
}

/// <summary>An organisation's contact point, and when it was sent.</summary>
[GenerateSerializer, Immutable, Alias("situation.contact-point")]
public sealed record ContactPoint(
    [property: Id(0)] string Name,
    [property: Id(1)] string Position,
    [property: Id(2)] string Phone,
    [property: Id(3)] string? Email,
    [property: Id(4)] DateTimeOffset SubmittedAt);

/// <summary>What registers an organisation (an admin, or the demo).</summary>
[GenerateSerializer, Immutable, Alias("situation.organisation-registration")]
public sealed record OrganisationRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? DistrictId);
