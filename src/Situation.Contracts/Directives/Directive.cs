namespace Situation.Contracts.Directives;

/// <summary>
/// A directive as data: who issued it, when, about what, and its clauses. Each clause names the
/// obligations it puts on its addressees; the platform turns every one into an obligation per
/// organisation (<see cref="ObligationView"/>) and follows it.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.directive")]
public sealed record Directive
{
    /// <summary>The directive's code in the platform, e.g. <c>126-stttt-bcvt</c>: the first part of its obligations' ids.</summary>
    [Id(0)] public required string Id { get; init; }
    /// <summary>The number as the letter gives it, e.g. <c>126/STTTT-BCVT</c>.</summary>
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public required DateOnly Date { get; init; }
    [Id(3)] public required string Issuer { get; init; }
    [Id(4)] public required string Subject { get; init; }
    [Id(5)] public required Clause[] Clauses { get; init; }
    [Id(6)] public long Version { get; init; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(8)] public string UpdatedBy { get; init; } = "";
}

/// <summary>One clause of a directive (<c>1.3</c>, <c>3.1c</c>): its words and what it asks of whom.</summary>
[GenerateSerializer, Immutable, Alias("situation.clause")]
public sealed record Clause
{
    [Id(0)] public required string Id { get; init; }
    /// <summary>The clause in the letter's language (Vietnamese).</summary>
    [Id(1)] public required string Text { get; init; }
    /// <summary>The clause in English, for the English dashboard.</summary>
    [Id(2)] public string? TextEn { get; init; }
    [Id(3)] public required ClauseObligation[] Obligations { get; init; }
}

/// <summary>
/// What a clause asks of its addressees. An addressee is an organisation's code or a group of them:
/// <c>districts</c>, <c>telecom</c>, <c>postal</c> (every organisation of that kind).
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.clause-obligation")]
public sealed record ClauseObligation
{
    [Id(0), Model.Words("ObligationKind")] public required string Kind { get; init; }
    [Id(1)] public required string[] Addressees { get; init; }
    /// <summary>When it is owed by, for a one-off obligation.</summary>
    [Id(2)] public DateTimeOffset? Deadline { get; init; }
    [Id(3), Model.Words("Cadence")] public required string Cadence { get; init; }
}
