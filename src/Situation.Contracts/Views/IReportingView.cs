namespace Situation.Contracts.Views;

/// <summary>An entity that reports (site, checkpoint, post office, postal route) and goes stale when it stops.</summary>
public interface IReportingView
{
    DateTimeOffset? LastReportAt { get; }

    /// <summary>Set by the flag engine: no report within the entity type's reporting window.</summary>
    bool Stale { get; }
}
