using Situation.Contracts.Model;

namespace Situation.Contracts.Passes;

/// <summary>
/// A repair crew of an enterprise: its members, each with the day they last made their health
/// declaration (clause 3.2c), and the vehicle it uses. On the live feed its id is
/// <c>&lt;enterprise&gt;.&lt;crew&gt;</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.crew-view")]
public sealed record CrewView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public required string EnterpriseId { get; init; }
    [Id(3)] public required string Name { get; init; }
    [Id(4)] public string? VehiclePlate { get; init; }
    [Id(5)] public CrewMember[] Members { get; init; } = [];
    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(7)] public string UpdatedBy { get; init; } = "";

    public static string LiveId(string enterpriseId, string crewId) => $"{enterpriseId}.{crewId}";
}

/// <summary>A member of a crew; <see cref="DeclaredOn"/> is the last day (in Gia Lai) they made their health declaration.</summary>
[GenerateSerializer, Immutable, Alias("situation.crew-member")]
public sealed record CrewMember(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Phone,
    [property: Id(3)] DateOnly? DeclaredOn)
{
    public bool DeclaredOnDay(DateOnly day) => DeclaredOn == day;
}

/// <summary>A crew as its enterprise sends it, checked; members keep the declarations they already made.</summary>
[GenerateSerializer, Immutable, Alias("situation.crew-definition")]
public sealed record CrewDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? VehiclePlate,
    [property: Id(2)] CrewMemberDefinition[] Members);

[GenerateSerializer, Immutable, Alias("situation.crew-member-definition")]
public sealed record CrewMemberDefinition([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Phone);

/// <summary>The days of the directives' work are Gia Lai's: a health declaration is for a day at +07:00.</summary>
public static class LocalDay
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Of(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);
}
