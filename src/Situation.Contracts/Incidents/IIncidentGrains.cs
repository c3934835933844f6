using Orleans.Concurrency;
using Situation.Contracts.Directives;
using Situation.Contracts.Model;

namespace Situation.Contracts.Incidents;

/// <summary>One incident, keyed by its id: the write side of its handling.</summary>
[Alias("situation.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("Get")] Task<IncidentView?> Get();

    /// <summary>Opens the incident; only the board does, so that one flag opens one incident at a time.</summary>
    [Alias("Open")] Task<DirectiveWrite<IncidentView>> Open(IncidentOpening opening, Actor actor);

    /// <summary>The enterprise takes the next step (409 for one its state does not allow).</summary>
    [Alias("Move")] Task<DirectiveWrite<IncidentView>> Move(IncidentMove move, Actor actor);

    /// <summary>The platform saw the cause clear: resolving is proposed, and the time service came back kept. One-way: the board, which tells it, hears back from it.</summary>
    [OneWay, Alias("CauseCleared")] Task CauseCleared(ResolutionProposal proposal);
}

/// <summary>
/// The province's incidents: where they are opened (one open incident per flag), their read side for
/// lists and the leaders' summary, and what tells them that a cause has cleared.
/// </summary>
[Alias("situation.IIncidentBoardGrain")]
public interface IIncidentBoardGrain : IGrainWithStringKey
{
    public const string Key = "province";

    [Alias("Open")] Task<DirectiveWrite<IncidentView>> Open(string id, IncidentOpening opening, Actor actor);

    /// <summary>An incident's new state, stored by its grain.</summary>
    [Alias("IncidentChanged")] Task IncidentChanged(IncidentView incident);

    [AlwaysInterleave, Alias("List")] Task<IncidentView[]> List();

    /// <summary>Flags the engine cleared (one message per burst): an open incident opened from one has its resolution proposed.</summary>
    [OneWay, Alias("FlagsCleared")] Task FlagsCleared(Immutable<string[]> flagIds);

    /// <summary>Entities that came back into service (an index tells it of each such change).</summary>
    [OneWay, Alias("EntitiesRestored")] Task EntitiesRestored(Immutable<EntityRef[]> entities);
}
