namespace Situation.Contracts.Model;

/// <summary>Who made a change: a person's user name or an operator feed's key name.</summary>
[GenerateSerializer, Immutable, Alias("situation.actor")]
public sealed record Actor([property: Id(0)] string Name)
{
    public static readonly Actor System = new("system");
}
