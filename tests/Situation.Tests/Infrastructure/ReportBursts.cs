using System.Text;

namespace Situation.Tests.Infrastructure;

public static class ReportBursts
{
    /// <summary>
    /// Reports for many sites at once, the way operator feeds send them: the sites split among
    /// several batches sent in parallel, each report on battery; every report must be accepted.
    /// </summary>
    public static Task Post(HttpClient http, IReadOnlyList<string> siteIds, string health, int batteryMinutes, int feeds = 4) =>
        Task.WhenAll(siteIds.Chunk((siteIds.Count + feeds - 1) / feeds).Select(async chunk =>
        {
            var body = "{\"reports\":[" + string.Join(",", chunk.Select(id =>
                $$"""{"siteId":"{{id}}","health":"{{health}}","power":"battery","batteryMinutes":{{batteryMinutes}}}""")) + "]}";
            using var response = await http.PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            Assert.Contains($"\"accepted\":{chunk.Length},", text);
        }));
}
