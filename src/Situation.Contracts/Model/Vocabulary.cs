using Situation.Contracts.Accounts;

namespace Situation.Contracts.Model;

/// <summary>A closed set of contract words (a district's level, a site's health, …), kept as strings so stored JSON stays readable and stable.</summary>
public sealed class Vocabulary(params string[] words)
{
    private readonly HashSet<string> _words = new(words, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Words => words;

    public bool Contains(string? word) => word is not null && _words.Contains(word);

    public override string ToString() => string.Join(", ", words);
}

public static class Words
{
    public static readonly Vocabulary DistrictLevel = new("normal", "watch", "distancing", "lockdown");
    public static readonly Vocabulary ZoneStatus = new("active", "lifted");
    public static readonly Vocabulary CheckpointStatus = new("active", "closed");
    public static readonly Vocabulary Wifi = new("ok", "down", "none");
    public static readonly Vocabulary SiteKind = new("bts", "exchange", "transmission", "noc");
    public static readonly Vocabulary Health = new("up", "degraded", "down");
    public static readonly Vocabulary Power = new("grid", "generator", "battery", "none");
    public static readonly Vocabulary Cause = new("power", "transport", "damage", "unknown");
    public static readonly Vocabulary OfficeStatus = new("open", "closed");
    public static readonly Vocabulary RouteStatus = new("running", "delayed", "suspended");
    public static readonly Vocabulary Role = new(Roles.Leader, Roles.District, Roles.Operator, Roles.Utility, Roles.Admin);
}
