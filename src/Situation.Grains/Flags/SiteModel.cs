using Situation.Contracts.Model;
using Situation.Contracts.Views;

namespace Situation.Grains.Flags;

/// <summary>What the engine knows of a site: its view, its disc, and what it derives about it.</summary>
internal sealed class SiteModel(SiteView view)
{
    public SiteView View { get; set; } = view;
    public CoverageDisc? Disc { get; set; }
    public List<Cell> Cells { get; } = [];
    public HashSet<string> Dependents { get; } = new(StringComparer.Ordinal);
    public bool Stale { get; set; } = true;
    public bool UpstreamDown { get; set; }
    public string Effective { get; set; } = "unknown";

    public bool Covers => Effective is Words.Health.Up or Words.Health.Degraded;
}
