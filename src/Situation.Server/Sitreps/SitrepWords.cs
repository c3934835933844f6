using System.Globalization;
using Situation.Grains.Directives;

namespace Situation.Server.Sitreps;

/// <summary>
/// The report's words in Vietnamese (the official form: the issuer, its number, the place and date,
/// "Kính gửi") and in English, its times on Gia Lai's clock. The figures are the same in both.
/// </summary>
public sealed class SitrepWords
{
    public static readonly SitrepWords Vietnamese = new("vi", new Dictionary<string, string>
    {
        ["issuerParent"] = "UBND TỈNH GIA LAI",
        ["issuer"] = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        ["number"] = "Số: {0}/BC-STTTT",
        ["nation"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ["motto"] = "Độc lập - Tự do - Hạnh phúc",
        ["title"] = "BÁO CÁO",
        ["subtitle"] = "Tình hình bảo đảm thông tin liên lạc và bưu chính",
        ["period"] = "Từ {0} đến {1}",
        ["to"] = "Kính gửi:",
        ["recipients"] = "- Bộ Thông tin và Truyền thông;\n- Ủy ban nhân dân tỉnh Gia Lai.",
        ["province"] = "Toàn tỉnh",
        ["summary"] = "I. TÌNH HÌNH CHUNG",
        ["byDistrict"] = "II. THEO HUYỆN, THỊ XÃ, THÀNH PHỐ",
        ["flagsSection"] = "III. CẢNH BÁO TRONG KỲ",
        ["incidentsSection"] = "IV. SỰ CỐ",
        ["trendSection"] = "V. DIỄN BIẾN",
        ["sites"] = "Trạm viễn thông: {0}; hoạt động {1}, suy giảm {2}, mất sóng {3}; chạy ắc quy {4}.",
        ["causes"] = "Nguyên nhân (trạm không hoạt động bình thường): mất điện {0}, truyền dẫn {1}, hư hỏng {2}.",
        ["availability"] = "Tỷ lệ sẵn sàng (theo thời gian): {0}.",
        ["zones"] = "Khu vực cách ly: lập mới {0}, gỡ bỏ {1}, đang áp dụng {2}.",
        ["checkpoints"] = "Chốt kiểm soát: có wifi {0}, chưa có wifi {1}.",
        ["offices"] = "Bưu cục: {0}.",
        ["routes"] = "Tuyến bưu chính: {0}.",
        ["flags"] = "Cảnh báo: phát sinh {0}, đã xử lý {1}; thời gian xử lý trung bình {2}.",
        ["incidents"] = "Sự cố: mở {0}, khắc phục {1}; thời gian tiếp nhận trung bình {2}, khắc phục trung bình {3}.",
        ["noIncidents"] = "Không có sự cố trong kỳ.",
        ["colDistrict"] = "Đơn vị", ["colSites"] = "Trạm", ["colUp"] = "Hoạt động", ["colDegraded"] = "Suy giảm", ["colDown"] = "Mất sóng",
        ["colBattery"] = "Ắc quy", ["colAvailability"] = "Sẵn sàng", ["colZones"] = "Cách ly (lập/gỡ/đang)", ["colWifi"] = "Chốt wifi (có/chưa)",
        ["colOffices"] = "Bưu cục", ["colFlags"] = "Cảnh báo (mới/xong)",
        ["colKind"] = "Loại", ["colSubject"] = "Đối tượng", ["colRaised"] = "Phát sinh", ["colCleared"] = "Kết thúc", ["colDuration"] = "Thời gian",
        ["open"] = "còn mở", ["more"] = "… và {0} cảnh báo khác (xem bảng XLSX).",
        ["trendDown"] = "Trạm mất sóng", ["trendZones"] = "Khu vực cách ly", ["trendFlags"] = "Cảnh báo đang mở",
        ["none"] = "—", ["generated"] = "Lập tự động lúc {0} bởi Situation.",
        ["sheetProvince"] = "Toan tinh", ["sheetDistricts"] = "Theo huyen", ["sheetFlags"] = "Canh bao", ["sheetTrend"] = "Dien bien",
        ["hours"] = "{0} giờ",
    }, "vi-VN");

    public static readonly SitrepWords English = new("en", new Dictionary<string, string>
    {
        ["issuerParent"] = "GIA LAI PROVINCIAL PEOPLE'S COMMITTEE",
        ["issuer"] = "DEPARTMENT OF INFORMATION AND COMMUNICATIONS",
        ["number"] = "No.: {0}/BC-STTTT",
        ["nation"] = "SOCIALIST REPUBLIC OF VIET NAM",
        ["motto"] = "Independence - Freedom - Happiness",
        ["title"] = "REPORT",
        ["subtitle"] = "Telecommunications and postal service situation",
        ["period"] = "From {0} to {1}",
        ["to"] = "To:",
        ["recipients"] = "- The Ministry of Information and Communications;\n- The Gia Lai Provincial People's Committee.",
        ["province"] = "Province",
        ["summary"] = "I. OVERVIEW",
        ["byDistrict"] = "II. BY DISTRICT",
        ["flagsSection"] = "III. FLAGS IN THE PERIOD",
        ["incidentsSection"] = "IV. INCIDENTS",
        ["trendSection"] = "V. TRENDS",
        ["sites"] = "Telecom sites: {0}; up {1}, degraded {2}, down {3}; on battery {4}.",
        ["causes"] = "Causes (sites not fully up): power {0}, transport {1}, damage {2}.",
        ["availability"] = "Availability (time-weighted): {0}.",
        ["zones"] = "Quarantine zones: declared {0}, lifted {1}, active {2}.",
        ["checkpoints"] = "Checkpoints: with wifi {0}, without {1}.",
        ["offices"] = "Post offices: {0}.",
        ["routes"] = "Postal routes: {0}.",
        ["flags"] = "Flags: raised {0}, cleared {1}; mean time to clear {2}.",
        ["incidents"] = "Incidents: opened {0}, resolved {1}; mean time to acknowledge {2}, to restore {3}.",
        ["noIncidents"] = "No incidents in the period.",
        ["colDistrict"] = "District", ["colSites"] = "Sites", ["colUp"] = "Up", ["colDegraded"] = "Degraded", ["colDown"] = "Down",
        ["colBattery"] = "Battery", ["colAvailability"] = "Availability", ["colZones"] = "Zones (decl./lifted/active)", ["colWifi"] = "Checkpoint wifi (yes/no)",
        ["colOffices"] = "Post offices", ["colFlags"] = "Flags (new/cleared)",
        ["colKind"] = "Kind", ["colSubject"] = "Subject", ["colRaised"] = "Raised", ["colCleared"] = "Cleared", ["colDuration"] = "Duration",
        ["open"] = "open", ["more"] = "… and {0} more flags (see the XLSX).",
        ["trendDown"] = "Sites down", ["trendZones"] = "Active zones", ["trendFlags"] = "Open flags",
        ["none"] = "—", ["generated"] = "Generated at {0} by Situation.",
        ["sheetProvince"] = "Province", ["sheetDistricts"] = "Districts", ["sheetFlags"] = "Flags", ["sheetTrend"] = "Trend",
        ["hours"] = "{0} h",
    }, "en-GB");

    private readonly Dictionary<string, string> _words;

    private SitrepWords(string lang, Dictionary<string, string> words, string culture)
    {
        Lang = lang;
        _words = words;
        Culture = CultureInfo.GetCultureInfo(culture);
    }

    public string Lang { get; }

    public CultureInfo Culture { get; }

    public static SitrepWords For(string? lang) => lang == "en" ? English : Vietnamese;

    public string this[string key] => _words[key];

    public string Say(string key, params object?[] values) => string.Format(Culture, _words[key], values);

    public string Time(DateTimeOffset at) => at.ToOffset(ObligationRules.LocalOffset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Gia Lai, ngày 08 tháng 12 năm 2026" / "Gia Lai, 8 December 2026".</summary>
    public string PlaceAndDate(DateTimeOffset at)
    {
        var day = at.ToOffset(ObligationRules.LocalOffset);
        return Lang == "en"
            ? $"Gia Lai, {day.Day} {day.ToString("MMMM yyyy", Culture)}"
            : $"Gia Lai, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}";
    }

    public string Percent(double? share) => share is { } s ? s.ToString("P1", Culture) : this["none"];

    public string Hours(double? hours) => hours is { } h ? Say("hours", Math.Round(h, 1)) : this["none"];

    public string Duration(TimeSpan span) => Hours(span.TotalHours);

    /// <summary>Counts by status, e.g. "open 30, closed 2".</summary>
    public string Statuses(IReadOnlyDictionary<string, int>? counts) =>
        counts is null || counts.Count == 0 ? this["none"] : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{Status(c.Key)} {c.Value}"));

    private static readonly Dictionary<string, string> VietnameseStatus = new()
    {
        ["open"] = "mở cửa", ["closed"] = "đóng cửa", ["running"] = "hoạt động", ["suspended"] = "tạm dừng", ["delayed"] = "chậm",
    };

    private static readonly Dictionary<string, string> VietnameseKinds = new()
    {
        ["connectivity_gap"] = "Thiếu sóng di động", ["postal_gap"] = "Thiếu dịch vụ bưu chính", ["checkpoint_no_wifi"] = "Chốt chưa có wifi",
        ["power_critical"] = "Nguy cơ mất điện", ["stale_report"] = "Quá hạn báo cáo", ["upstream_outage"] = "Sự cố tuyến trên",
        ["obligation_overdue"] = "Quá hạn thực hiện", ["roster_gap"] = "Thiếu lịch trực",
    };

    public string Status(string status) => Lang == "vi" ? VietnameseStatus.GetValueOrDefault(status, status) : status;

    public string Kind(string kind) => Lang == "vi" ? VietnameseKinds.GetValueOrDefault(kind, kind) : kind.Replace('_', ' ');
}
