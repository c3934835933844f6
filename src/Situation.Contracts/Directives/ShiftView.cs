using Situation.Contracts.Model;

namespace Situation.Contracts.Directives;

/// <summary>
/// One shift of an organisation's duty roster (clause 3.1c: leadership, operations and emergency
/// response duty; a district's checkpoint duty): who is on duty, how to reach them, from when to
/// when. Its id is the organisation's own code for it; on the live feed it is
/// <c>&lt;organisation&gt;.&lt;id&gt;</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.shift-view")]
public sealed record ShiftView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public required string OrganisationId { get; init; }
    [Id(3), Words("Duty")] public required string Duty { get; init; }
    [Id(4)] public required string Person { get; init; }
    [Id(5)] public required string Phone { get; init; }
    [Id(6)] public required DateTimeOffset Start { get; init; }
    [Id(7)] public required DateTimeOffset End { get; init; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(9)] public string UpdatedBy { get; init; } = "";

    public static string LiveId(string organisationId, string shiftId) => $"{organisationId}.{shiftId}";

    public bool Covers(DateTimeOffset at) => Start <= at && at < End;
}

/// <summary>A shift as its organisation sends it (by hand or a row of a CSV file), already checked.</summary>
[GenerateSerializer, Immutable, Alias("situation.shift-definition")]
public sealed record ShiftDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Duty,
    [property: Id(2)] string Person,
    [property: Id(3)] string Phone,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End);

/// <summary>A postal enterprise's day of health declarations (clause 3.2c): how many of the staff who worked declared.</summary>
[GenerateSerializer, Immutable, Alias("situation.health-declaration-report")]
public sealed record HealthDeclarationReport(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int Declared,
    [property: Id(2)] int Worked,
    [property: Id(3)] DateTimeOffset SentAt)
{
    public double Share => Worked == 0 ? 1 : (double)Declared / Worked;
}
