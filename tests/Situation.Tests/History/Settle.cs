using System.Text;
using System.Text.Json;
using Situation.Contracts.Entities;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.History;

/// <summary>Waits, bounded, until a scripted step has run its course and the clients hold its outcome.</summary>
public static class Settle
{
    private static readonly HashSet<string> Shown = [.. EntityTable.All.Select(e => e.Type), "flag"];

    /// <summary>
    /// The picture once the clients hold what the server shows: the server's snapshot, taken again
    /// until it stands still and the client's copy (over the hub) holds every entity and flag of it
    /// at the same version.
    /// </summary>
    public static async Task<JsonElement> Picture(InProcessServer server, LiveMirror mirror)
    {
        var shown = await server.GetJson("/api/situation");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var versions = LiveMirror.VersionsIn(shown);
            try
            {
                await mirror.WaitUntil(m => SameVersions(m.Versions, versions), TimeSpan.FromSeconds(10), "the client holds what the server shows");
            }
            catch (TimeoutException)
            {
                // The server moved on while the client caught up: take its picture again.
            }
            var again = await server.GetJson("/api/situation");
            if (SameVersions(LiveMirror.VersionsIn(again), versions) && SameVersions(mirror.Versions, versions))
                return again;
            shown = again;
        }
        throw new TimeoutException("The picture did not settle within 20 rounds");
    }

    private static bool SameVersions(IReadOnlyDictionary<(string Type, string Id), long> held, IReadOnlyDictionary<(string Type, string Id), long> shown)
    {
        var mine = held.Where(e => Shown.Contains(e.Key.Type)).ToList();
        return mine.Count == shown.Count && mine.All(e => shown.TryGetValue(e.Key, out var v) && v == e.Value);
    }

    /// <summary>One step of a script: the write (which must succeed), then the picture once it has run its course.</summary>
    public static async Task<JsonElement> After(InProcessServer server, LiveMirror mirror, string method, string path, string? body)
    {
        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        });
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Picture(server, mirror);
    }
}
