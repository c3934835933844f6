using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Situation.Server.Sitreps;
using Situation.Tests.Gis;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.History;

/// <summary>
/// The daily situation report over a scripted day on a manual clock (Gia Lai's midnight to
/// midnight): a zone declared at 02:00 and lifted at 20:00, a base station of Pleiku down on battery
/// from 06:00 to 12:00, a checkpoint's wifi down from 08:00 to 14:00. Its figures are checked
/// against ones worked out by hand from the script and the picture at the day's start; its PDF is
/// read back by poppler's pdftotext and its XLSX by GDAL's ogrinfo.
/// </summary>
public sealed class SitrepTests(ScriptedDayServer fixture) : IClassFixture<ScriptedDayServer>
{
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);

    private InProcessServer Server => fixture.Server;

    [Fact]
    public async Task A_scripted_days_report_has_the_figures_worked_out_by_hand_and_opens_as_PDF_XLSX_and_CSV()
    {
        await using var mirror = await LiveMirror.Connect(Server, "province");
        await Settle.Picture(Server, mirror);
        // The next midnight on Gia Lai's clock starts the day.
        var local = fixture.Clock.GetUtcNow().ToOffset(Province);
        var day = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Province).AddDays(1);
        fixture.Clock.Advance(day - fixture.Clock.GetUtcNow());
        var start = await Settle.Picture(Server, mirror);

        var sites = start.GetProperty("sites").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        var upstreams = sites.Select(s => s.GetProperty("upstreamSiteId").GetString()).OfType<string>().ToHashSet();
        var site = sites.First(s => s.GetProperty("districtId").GetString() == "622" && s.GetProperty("kind").GetString() == "bts"
            && s.GetProperty("effectiveHealth").GetString() == "up" && !upstreams.Contains(s.GetProperty("id").GetString()!)).GetProperty("id").GetString()!;
        var checkpoint = start.GetProperty("checkpoints").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .First(c => c.GetProperty("wifi").GetString() == "ok" && c.GetProperty("status").GetString() == "active");
        var checkpointId = checkpoint.GetProperty("id").GetString()!;
        var zone = $"zone-sitrep-{Guid.NewGuid():N}"[..24];

        await At(day.AddHours(2), mirror, "POST", "/api/zones", $$$"""{"type":"Feature","id":"{{{zone}}}","geometry":{"type":"Polygon","coordinates":[[[107.99,13.96],[108.01,13.96],[108.01,13.98],[107.99,13.98],[107.99,13.96]]]},"properties":{"districtId":"622","name":"Tổ 3, phường Hoa Lư"}}""");
        await At(day.AddHours(6), mirror, "POST", $"/api/sites/{site}/reports", """{"health":"down","power":"battery","batteryMinutes":240,"causes":["power"]}""");
        await At(day.AddHours(8), mirror, "PATCH", $"/api/checkpoints/{checkpointId}", """{"wifi":"down"}""");
        await At(day.AddHours(12), mirror, "POST", $"/api/sites/{site}/reports", """{"health":"up","power":"grid","causes":[]}""");
        await At(day.AddHours(14), mirror, "PATCH", $"/api/checkpoints/{checkpointId}", """{"wifi":"ok"}""");
        await At(day.AddHours(20), mirror, "POST", $"/api/zones/{zone}/lift", null);
        fixture.Clock.Advance(day.AddHours(25) - fixture.Clock.GetUtcNow());

        using var made = await Server.Http.PostAsJsonAsync("/api/sitreps", new { from = day, to = day.AddDays(1) });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var report = await Server.GetJson($"/api/sitreps/{id}");
        var figures = report.GetProperty("figures");

        // By hand: every Pleiku site in service all day as at the start, but the one down for 6 of 24 hours.
        var pleiku = sites.Where(s => s.GetProperty("districtId").GetString() == "622").ToList();
        var inService = pleiku.Count(s => s.GetProperty("effectiveHealth").GetString() != "down");
        var expected = (inService - 0.25) / pleiku.Count;
        var district = figures.GetProperty("districts").EnumerateArray().Single(d => d.GetProperty("districtId").GetString() == "622");
        Assert.Equal(expected, district.GetProperty("availability").GetDouble(), 9);
        var activeAtStart = start.GetProperty("zones").GetProperty("features").EnumerateArray()
            .Count(z => z.GetProperty("properties").GetProperty("districtId").GetString() == "622" && z.GetProperty("properties").GetProperty("status").GetString() == "active");
        Assert.Equal((1, 1, activeAtStart), (district.GetProperty("zonesDeclared").GetInt32(), district.GetProperty("zonesLifted").GetInt32(), district.GetProperty("zonesActive").GetInt32()));
        Assert.Equal(pleiku.Count, district.GetProperty("sites").GetProperty("total").GetInt32());
        Assert.Equal(pleiku.Count(s => s.GetProperty("effectiveHealth").GetString() == "down"), district.GetProperty("sites").GetProperty("down").GetInt32());

        var province = figures.GetProperty("province");
        var allInService = sites.Count(s => s.GetProperty("effectiveHealth").GetString() != "down");
        Assert.Equal((allInService - 0.25) / sites.Count, province.GetProperty("availability").GetDouble(), 9);
        var checkpoints = start.GetProperty("checkpoints").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Where(c => c.GetProperty("status").GetString() == "active").ToList();
        Assert.Equal(checkpoints.Count(c => c.GetProperty("wifi").GetString() == "ok"), province.GetProperty("checkpointsWithWifi").GetInt32());

        // The district's chart in four parts of six hours: the site was down through the second.
        var chart = await Server.GetJson($"/api/districts/622/availability?from={Uri.EscapeDataString(day.ToString("O"))}&to={Uri.EscapeDataString(day.AddDays(1).ToString("O"))}&points=4");
        var parts = chart.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("availability").GetDouble()).ToArray();
        Assert.Equal(4, parts.Length);
        Assert.Equal((double)inService / pleiku.Count, parts[0], 9);
        Assert.Equal((inService - 1.0) / pleiku.Count, parts[1], 9);
        Assert.Equal((double)inService / pleiku.Count, parts[2], 9);
        Assert.Equal(day.AddHours(6), chart.GetProperty("points")[1].GetProperty("from").GetDateTimeOffset());

        // The checkpoint's flag: raised at 08:00, cleared at 14:00, six hours.
        var line = figures.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("id").GetString() == $"checkpoint_no_wifi.checkpoint.{checkpointId}");
        Assert.Equal(day.AddHours(8), line.GetProperty("raised").GetDateTimeOffset());
        Assert.Equal(day.AddHours(14), line.GetProperty("cleared").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(6), TimeSpan.Parse(line.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(line.GetProperty("raisedInPeriod").GetBoolean());

        // The trend, hour by hour: the site is down in the samples from 06:00 to 11:00.
        var trend = figures.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("sitesDown").GetInt32()).ToArray();
        var downAtStart = sites.Count(s => s.GetProperty("effectiveHealth").GetString() == "down");
        Assert.Equal(25, trend.Length);
        Assert.Equal(Enumerable.Range(0, 25).Select(h => downAtStart + (h is >= 6 and < 12 ? 1 : 0)), trend);

        // The files: the PDF's title with its diacritics, in Vietnamese and in English; the XLSX's sheets; the CSV's rows.
        var pdf = await File(id, "pdf", "vi", "application/pdf");
        // Kept with the run's screenshots, for a person to look at.
        Directory.CreateDirectory(Path.Combine(Paths.Artifacts, "reports"));
        var kept = Path.Combine(Paths.Artifacts, "reports", "sitrep-scripted-day-vi.pdf");
        await System.IO.File.WriteAllBytesAsync(kept, pdf);
        // Its first page as an image, by poppler's pdftoppm: what a person sees.
        var page = await Tool.Run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", kept, Path.ChangeExtension(kept, null) + "-page-1"]);
        Assert.True(page.ExitCode == 0, page.Said);
        var text = await PdfText(pdf);
        foreach (var words in new[] { "BÁO CÁO", "Tình hình bảo đảm thông tin liên lạc và bưu chính", "Kính gửi:", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Độc lập - Tự do - Hạnh phúc" })
            Assert.Contains(words, text);
        Assert.Contains("Pleiku", text);
        var english = await PdfText(await File(id, "pdf", "en", "application/pdf"));
        Assert.Contains("REPORT", english);
        Assert.Contains("Ministry of Information and Communications", english);

        var xlsx = await File(id, "xlsx", "vi", SitrepMaker.XlsxMediaType);
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-{id}.xlsx");
        await System.IO.File.WriteAllBytesAsync(path, xlsx);
        try
        {
            var sheets = await Gdal.Info(path);
            Assert.Equal(["Toan tinh", "Theo huyen", "Canh bao", "Dien bien"], sheets.Select(s => s.Name));
            Assert.Equal(18, sheets.Single(s => s.Name == "Theo huyen").Features);
            Assert.Equal(25, sheets.Single(s => s.Name == "Dien bien").Features);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
        var csv = Encoding.UTF8.GetString(await File(id, "csv", "en", "text/csv")).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 17 + 1, csv.Length);
        Assert.Contains(csv, row => row.StartsWith("\"622\",\"Pleiku\"", StringComparison.Ordinal));

        // Listed, and made once a day by the schedule: not before 07:00 of the next day, then once.
        var schedule = Server.Services.GetRequiredService<SitrepSchedule>();
        Assert.Null(await schedule.MakeDue(TimeSpan.FromHours(7)));
        fixture.Clock.Advance(day.AddDays(1).AddHours(7).AddMinutes(1) - fixture.Clock.GetUtcNow());
        var scheduled = await schedule.MakeDue(TimeSpan.FromHours(7));
        Assert.NotNull(scheduled);
        Assert.Null(await schedule.MakeDue(TimeSpan.FromHours(7)));
        Assert.Equal((day, day.AddDays(1), true), (scheduled.Figures.Period.From, scheduled.Figures.Period.To, scheduled.Scheduled));
        var listed = (await Server.GetJson("/api/sitreps")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal([scheduled.Id, id], listed.Take(2));
    }

    [Fact]
    public async Task A_period_that_is_not_one_is_refused_with_the_field_named_and_nothing_is_kept()
    {
        var now = fixture.Clock.GetUtcNow();
        var before = (await Server.GetJson("/api/sitreps")).GetProperty("items").GetArrayLength();
        foreach (var (body, status, field) in new (object, HttpStatusCode, string)[]
                 {
                     (new { from = now.AddHours(-1) }, HttpStatusCode.BadRequest, "to"),
                     (new { from = now.AddHours(-1), to = now.AddHours(-2) }, HttpStatusCode.UnprocessableEntity, "to"),
                     (new { from = now.AddDays(-40), to = now.AddDays(-1) }, HttpStatusCode.UnprocessableEntity, "to"),
                     (new { from = now.AddHours(-1), to = now.AddDays(1) }, HttpStatusCode.UnprocessableEntity, "to"),
                     (new { from = "yesterday", to = "today" }, HttpStatusCode.BadRequest, "from"),
                 })
        {
            using var response = await Server.Http.PostAsJsonAsync("/api/sitreps", body);
            Assert.Equal(status, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        using var unknown = await Server.Http.GetAsync("/api/sitreps/nothing-here/report.pdf");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var format = await Server.Http.GetAsync("/api/sitreps/nothing-here/report.docx");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        using var district = await (await Server.ClientFor("district-622")).GetAsync("/api/sitreps");
        Assert.Equal(HttpStatusCode.Forbidden, district.StatusCode);
        Assert.Equal(before, (await Server.GetJson("/api/sitreps")).GetProperty("items").GetArrayLength());
    }

    /// <summary>Moves the clock to the moment, makes the write, and waits until the clients hold what follows from it.</summary>
    private async Task At(DateTimeOffset at, LiveMirror mirror, string method, string path, string? body)
    {
        fixture.Clock.Advance(at - fixture.Clock.GetUtcNow());
        await Settle.After(Server, mirror, method, path, body);
    }

    private async Task<byte[]> File(string id, string format, string lang, string mediaType)
    {
        using var response = await Server.Http.GetAsync($"/api/sitreps/{id}/report.{format}?lang={lang}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The PDF's text as poppler's pdftotext reads it (Debian's poppler-utils).</summary>
    private static async Task<string> PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-{Guid.NewGuid():N}.pdf");
        await System.IO.File.WriteAllBytesAsync(path, pdf);
        try
        {
            var run = await Tool.Run("pdftotext", ["-enc", "UTF-8", path, "-"]);
            Assert.True(run.ExitCode == 0, run.Said);
            return run.Output;
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
