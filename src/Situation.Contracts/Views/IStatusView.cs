namespace Situation.Contracts.Views;

/// <summary>An entity whose reports carry only a status word: post offices and postal routes, each an operator's.</summary>
public interface IStatusView : IReportingView
{
    string Operator { get; }
    string Status { get; }
}
