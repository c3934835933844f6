using System.Text.Json.Serialization;
using Situation.Contracts.Model;

namespace Situation.Contracts.Views;

[GenerateSerializer, Immutable, Alias("situation.site-view")]
public sealed record SiteView : EntityView, IReportingView
{
    public const int DefaultBtsCoverageRadiusM = 3000;

    [Id(0)] public required string Operator { get; init; }
    [Id(1), Words("SiteKind")] public required string Kind { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public required GeoPoint Location { get; init; }
    /// <summary>Radius of the coverage disc; only bts sites cover an area.</summary>
    [Id(4)] public int? CoverageRadiusM { get; init; }
    [Id(5)] public string? UpstreamSiteId { get; init; }
    /// <summary>The district the location lies in (or the nearest one), computed by the platform.</summary>
    [Id(6)] public required string DistrictId { get; init; }
    [Id(7), Words("Health")] public string Health { get; init; } = "up";
    [Id(8), Words("EffectiveHealth")] public string EffectiveHealth { get; init; } = "up";
    [Id(9), Words("Power")] public string Power { get; init; } = "grid";
    [Id(10)] public int? BatteryMinutes { get; init; }
    [Id(11), Words("Cause")] public string[] Causes { get; init; } = [];
    [Id(12)] public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>Set by the flag engine: no report within the reporting window.</summary>
    [Id(13)] public bool Stale { get; init; }
    /// <summary>Set by the flag engine: the upstream site is effectively down, so this one is too (cause transport).</summary>
    [Id(14)] public bool UpstreamDown { get; init; }

    /// <summary>
    /// A site behind a down upstream is down (cause transport); otherwise a site without a
    /// report in its window is unknown; otherwise it is what it reported.
    /// </summary>
    public static string EffectiveOf(string health, bool upstreamDown, bool stale) =>
        upstreamDown ? Words.Health.Down : stale ? Words.Health.Unknown : health;

    [JsonIgnore] public override string? IndexDistrictId => DistrictId;
    [JsonIgnore] public override string EntityType => Model.EntityType.Site;
    [JsonIgnore] public override object Geometry => Location;
}
