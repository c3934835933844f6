namespace Situation.Contracts.Model;

/// <summary>
/// Who makes a change: a person's user name or an operator feed's key name, with the role and
/// scope it acts in, so that the grain the change reaches decides what it may touch
/// (<see cref="Accounts.WriteGate"/>) in the same turn as the change. An actor without a role is
/// the platform itself (the demo loader, what the flag engine derives): callers over HTTP always
/// carry their role.
/// </summary>
[GenerateSerializer, Immutable, Alias("situation.actor")]
public sealed record Actor([property: Id(0)] string Name, [property: Id(1)] string? Role = null, [property: Id(2)] string? Scope = null)
{
    public static readonly Actor System = new("system");
}
