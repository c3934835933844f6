using System.Globalization;
using System.Text.Json;
using Situation.Contracts.Audit;
using Situation.Contracts.History;
using Situation.Contracts.Json;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api;
using Situation.Server.History;
using Situation.Server.Sitreps;

namespace Situation.Server.Alerts;

/// <summary>
/// The alerts of a period, derived from the durable history (README "Alerts"): a zone's audit
/// records where its status turned active (declared) or stopped being so (lifted), a district's
/// where its level changed, and the flag log's critical flags raised. Nothing is stored beside the
/// history: the same record always gives the same alert and identifier, on any node.
/// </summary>
public sealed class AlertSource(IAuditLog audit, IHistoryStore history, SituationReader reader)
{
    private const int Page = 1000;

    public async Task<IReadOnlyList<CapAlert>> Between(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var now = await reader.Snapshot();
        var districts = now["district"].OfType<DistrictView>().ToDictionary(d => d.Id);
        var alerts = new List<CapAlert>();
        await foreach (var record in Records("zone", from, to, cancellationToken))
            if (ZoneAlert(record, districts) is { } alert) alerts.Add(alert);
        await foreach (var record in Records("district", from, to, cancellationToken))
            if (DistrictAlert(record) is { } alert) alerts.Add(alert);
        var (_, flags) = await history.Between(from - TimeSpan.FromTicks(1), to, ["zone"], bodies: true, cancellationToken);
        var subjects = now.SelectMany(g => g).ToDictionary(v => (v.EntityType, v.Id));
        var raised = new HashSet<(string, DateTimeOffset)>();
        foreach (var row in flags.Where(f => !f.Deleted && f.Body is not null))
        {
            var flag = Replay.Flag(row);
            if (flag.Severity != Words.Severity.Critical || flag.Since < from || flag.Since >= to || !raised.Add((flag.Id, flag.Since))) continue;
            alerts.Add(FlagAlert(flag, subjects.GetValueOrDefault((flag.Subject.Type, flag.Subject.Id)), districts));
        }
        return [.. alerts.OrderByDescending(a => a.Sent).ThenBy(a => a.Identifier, StringComparer.Ordinal)];
    }

    /// <summary>One alert by its identifier, which ends with the second it was sent.</summary>
    public async Task<CapAlert?> Get(string identifier, CancellationToken cancellationToken = default)
    {
        var dash = identifier.LastIndexOf('-');
        if (dash < 0 || !long.TryParse(identifier[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return null;
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return (await Between(sent, sent.AddSeconds(1), cancellationToken)).FirstOrDefault(a => a.Identifier == identifier);
    }

    private async IAsyncEnumerable<AuditRecord> Records(string type, DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? before = null;
        do
        {
            var page = await audit.Query(new AuditQuery(EntityType: type, From: from, To: to, Before: before, Limit: Page), cancellationToken);
            foreach (var record in page.Items) yield return record;
            before = page.Next;
        }
        while (before is not null);
    }

    private static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, RecordedViewJson.Options);

    private static string Id(string kind, string subject, DateTimeOffset sent) => $"gialai-{kind}-{subject}-{sent.ToUnixTimeSeconds()}";

    private static CapAlert? ZoneAlert(AuditRecord record, IReadOnlyDictionary<string, DistrictView> districts)
    {
        var before = Read<ZoneView>(record.Before);
        var after = Read<ZoneView>(record.After);
        var zone = after ?? before;
        if (zone is null) return null;
        var declared = after?.Status == "active" && before?.Status != "active";
        var lifted = before?.Status == "active" && after?.Status != "active";
        if (!declared && !lifted) return null;
        var district = districts.GetValueOrDefault(zone.DistrictId)?.Name ?? zone.DistrictId;
        var at = CapXml.Time(record.At);
        var info = declared
            ? new[]
            {
                new CapInfo("vi-VN", "Khu vực cách ly", $"Lập khu vực cách ly: {zone.Name} ({district})",
                    $"Khu vực {zone.Name} thuộc {district} được áp dụng cách ly từ {at}. Doanh nghiệp viễn thông, bưu chính bảo đảm thông tin liên lạc và dịch vụ bưu chính trong khu vực.", SenderVi),
                new CapInfo("en", "Quarantine zone", $"Quarantine zone declared: {zone.Name} ({district})",
                    $"{zone.Name} in {district} is under quarantine from {at}. Telecom and postal enterprises keep communications and postal service running inside it.", SenderEn),
            }
            : [
                new CapInfo("vi-VN", "Khu vực cách ly", $"Gỡ bỏ cách ly: {zone.Name} ({district})", $"Khu vực {zone.Name} thuộc {district} được gỡ bỏ cách ly từ {at}.", SenderVi),
                new CapInfo("en", "Quarantine zone", $"Quarantine lifted: {zone.Name} ({district})", $"The quarantine of {zone.Name} in {district} is lifted from {at}.", SenderEn),
            ];
        return new CapAlert(Id(declared ? "zone-declared" : "zone-lifted", zone.Id, record.At), record.At, declared ? AlertKind.ZoneDeclared : AlertKind.ZoneLifted,
            "Health", declared ? "Immediate" : "Past", declared ? "Severe" : "Minor", "Observed", "zone", zone.Id, info,
            new CapArea($"{zone.Name}, {district}", Polygons(zone.Boundary), []));
    }

    private static CapAlert? DistrictAlert(AuditRecord record)
    {
        var before = Read<DistrictView>(record.Before);
        var after = Read<DistrictView>(record.After);
        if (before is null || after is null || before.Level == after.Level) return null;
        var note = string.IsNullOrWhiteSpace(after.Note) ? "" : $" {after.Note}";
        return new CapAlert(Id("district-level", after.Id, record.At), record.At, AlertKind.DistrictLevel, "Health", "Immediate",
            after.Level == "lockdown" ? "Severe" : "Moderate", "Observed", "district", after.Id,
            [
                new CapInfo("vi-VN", "Cấp độ phòng, chống dịch", $"{after.Name}: {LevelVi(before.Level)} → {LevelVi(after.Level)}",
                    $"{after.Name} chuyển cấp độ phòng, chống dịch từ \"{LevelVi(before.Level)}\" sang \"{LevelVi(after.Level)}\" lúc {CapXml.Time(record.At)}.{note}", SenderVi),
                new CapInfo("en", "Epidemic control level", $"{after.Name}: {before.Level} → {after.Level}",
                    $"{after.Name} moved from level \"{before.Level}\" to \"{after.Level}\" at {CapXml.Time(record.At)}.{note}", SenderEn),
            ],
            new CapArea(after.Name, Polygons(after.Boundary), []));
    }

    private static CapAlert FlagAlert(FlagView flag, EntityView? subject, IReadOnlyDictionary<string, DistrictView> districts)
    {
        var district = flag.DistrictId is { } d ? districts.GetValueOrDefault(d) : null;
        var subjectName = subject switch
        {
            ZoneView z => z.Name, DistrictView dv => dv.Name, SiteView s => s.Name ?? s.Id, CheckpointView c => c.Name, OfficeView o => o.Name, RouteView r => r.Name,
            _ => flag.Subject.Id,
        };
        var area = subject switch
        {
            ZoneView z => new CapArea(z.Name, Polygons(z.Boundary), []),
            DistrictView dv => new CapArea(dv.Name, Polygons(dv.Boundary), []),
            SiteView s => new CapArea(subjectName, [], [Circle(s.Location, (s.CoverageRadiusM ?? 1000) / 1000.0)]),
            CheckpointView c => new CapArea(c.Name, [], [Circle(c.Location, 1)]),
            OfficeView o => new CapArea(o.Name, [], [Circle(o.Location, 1)]),
            _ when district is not null => new CapArea(district.Name, Polygons(district.Boundary), []),
            _ => new CapArea("Gia Lai", [], []),
        };
        var where = district is null ? "" : $" ({district.Name})";
        return new CapAlert(Id("flag", flag.Id, flag.Since), flag.Since, AlertKind.CriticalFlag, "Infra", "Immediate", "Severe", "Observed",
            flag.Subject.Type, flag.Subject.Id,
            [
                new CapInfo("vi-VN", KindVi(flag.Kind), $"{KindVi(flag.Kind)}: {subjectName}{where}",
                    $"Cảnh báo nghiêm trọng \"{KindVi(flag.Kind)}\" tại {subjectName}{where} từ {CapXml.Time(flag.Since)}.", SenderVi),
                new CapInfo("en", flag.Kind.Replace('_', ' '), $"{flag.Kind.Replace('_', ' ')}: {subjectName}{where}",
                    $"Critical flag \"{flag.Kind.Replace('_', ' ')}\" on {subjectName}{where} since {CapXml.Time(flag.Since)}.", SenderEn),
            ],
            area);
    }

    private const string SenderVi = "Sở Thông tin và Truyền thông tỉnh Gia Lai";
    private const string SenderEn = "Gia Lai Department of Information and Communications";

    private static string LevelVi(string level) => level switch
    {
        "normal" => "bình thường", "watch" => "theo dõi", "distancing" => "giãn cách", "lockdown" => "phong tỏa", _ => level,
    };

    private static string KindVi(string kind) => SitrepWords.Vietnamese.Kind(kind);

    /// <summary>Each polygon's outer ring as CAP writes a polygon: "lat,lon" pairs, space-separated, closed.</summary>
    private static List<string> Polygons(GeoShape shape)
    {
        using var json = JsonDocument.Parse(shape.GeoJson);
        var root = json.RootElement;
        var coordinates = root.GetProperty("coordinates");
        var polygons = root.GetProperty("type").GetString() == "Polygon" ? [coordinates] : coordinates.EnumerateArray().ToList();
        return [.. polygons.Select(p => string.Join(' ', p[0].EnumerateArray().Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c[1].GetDouble():0.#######},{c[0].GetDouble():0.#######}"))))];
    }

    private static string Circle(GeoPoint at, double radiusKm) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.Lat:0.#######},{at.Lon:0.#######} {radiusKm:0.###}");
}
