namespace Situation.Contracts.Views;

/// <summary>An entity whose reports carry only a status word: post offices and postal routes.</summary>
public interface IStatusView
{
    string Status { get; }
    DateTimeOffset? LastReportAt { get; }
    bool Stale { get; }
}
