using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Situation.Tests.History;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Webhooks;

/// <summary>
/// Outbound webhooks against real receivers on loopback addresses: each delivery signed (checked here
/// with the test's own HMAC-SHA256), a failing receiver retried with backoff until it takes the
/// delivery, a redirect to another host not followed, and a receiver that holds a delivery holding
/// back no write; every try in the delivery log.
/// </summary>
public sealed class WebhookTests(ScriptedDayServer fixture) : IClassFixture<ScriptedDayServer>
{
    private InProcessServer Server => fixture.Server;

    [Fact]
    public async Task Deliveries_are_signed_retried_until_taken_never_redirected_elsewhere_and_never_hold_a_write()
    {
        await using var receiver = await WebhookReceiver.Start();
        await using var elsewhere = await WebhookReceiver.Start("127.0.0.2");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answers["flaky"] = (n, _) => Task.FromResult(n <= 2 ? 500 : 200);
        receiver.Answers["moved"] = (_, response) =>
        {
            response.Headers.Location = new Uri(elsewhere.Base, "/stolen").ToString();
            return Task.FromResult(302);
        };
        receiver.Answers["slow"] = async (n, _) =>
        {
            if (n == 1)
            {
                held.TrySetResult();
                await release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            return 200;
        };
        var flaky = await Register(new Uri(receiver.Base, "/flaky"), "site");
        var moved = await Register(new Uri(receiver.Base, "/moved"), "site");
        var slow = await Register(new Uri(receiver.Base, "/slow"), "site", "zone");

        var site = (await Server.GetJson("/api/sites?district=622")).GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("properties").GetProperty("kind").GetString() == "bts").GetProperty("id").GetString()!;
        using (var report = await Server.Http.PostAsJsonAsync($"/api/sites/{site}/reports", new { health = "degraded", power = "generator", causes = new[] { "power" } }))
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        // The slow receiver now holds its delivery: the next writes are acknowledged all the same.
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using (var report = await Server.Http.PostAsJsonAsync($"/api/sites/{site}/reports", new { health = "up", power = "grid", causes = Array.Empty<string>() }))
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.False(release.Task.IsCompleted);

        // The flaky receiver: refused twice, taken the third time; every try signed for that body.
        var log = await Log(flaky.Id, l => l.Any(a => a.GetProperty("delivered").GetBoolean()));
        var first = log.Where(a => a.GetProperty("deliveryId").GetString() == log.Last().GetProperty("deliveryId").GetString()).Reverse().ToList();
        Assert.Equal([(1, 500, false), (2, 500, false), (3, 200, true)],
            first.Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("status").GetInt32(), a.GetProperty("delivered").GetBoolean())));
        Assert.True(first[2].GetProperty("at").GetDateTimeOffset() >= first[0].GetProperty("at").GetDateTimeOffset());
        var received = receiver.Calls["flaky"].ToList();
        Assert.Equal([1, 2, 3], received.Take(3).Select(r => r.Attempt));
        foreach (var call in received)
        {
            Assert.True(Signed(flaky.Secret, call.Signature!, call.Body), $"signature {call.Signature} over {call.Body}");
            Assert.False(Signed("not-the-secret", call.Signature!, call.Body));
        }
        var items = JsonDocument.Parse(received[0].Body).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("type").GetString() == "site" && i.GetProperty("id").GetString() == site);

        // The redirect: answered, not followed; retried, then given up.
        var movedLog = await Log(moved.Id, l => l.Any(a => a.GetProperty("gaveUp").GetBoolean()));
        Assert.All(movedLog, a => Assert.Equal(302, a.GetProperty("status").GetInt32()));
        Assert.Contains("not followed", movedLog[0].GetProperty("error").GetString());
        Assert.Equal(0, elsewhere.Count("stolen"));

        release.SetResult();
        await Log(slow.Id, l => l.Count(a => a.GetProperty("delivered").GetBoolean()) >= 2);
    }

    [Fact]
    public async Task A_webhook_that_makes_no_sense_is_refused_by_field_and_only_administrators_register_them()
    {
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { url = "ftp://example.org/hook", events = new[] { "site" } }, "url"),
                     (new { url = "http://user:pass@127.0.0.1/hook", events = new[] { "site" } }, "url"),
                     (new { url = "http://127.0.0.1/hook", events = Array.Empty<string>() }, "events"),
                     (new { url = "http://127.0.0.1/hook", events = new[] { "site", "passwords" } }, "events[1]"),
                 })
        {
            using var response = await Server.Http.PostAsJsonAsync("/api/webhooks", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }
        using var leader = await Server.ClientFor("leader");
        using var refused = await leader.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { "site" } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var listed = (await Server.GetJson("/api/webhooks")).GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(listed, h => h.GetProperty("url").GetString() == "http://127.0.0.1/hook");
        Assert.All(listed, h => Assert.False(h.TryGetProperty("secret", out _)));
    }

    private sealed record Registered(string Id, string Secret);

    private async Task<Registered> Register(Uri url, params string[] events)
    {
        using var response = await Server.Http.PostAsJsonAsync("/api/webhooks", new { url, events });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Registered(body.GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    /// <summary>The delivery log, newest first, once it shows what is awaited (bounded).</summary>
    private async Task<List<JsonElement>> Log(string id, Func<List<JsonElement>, bool> until)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var log = (await Server.GetJson($"/api/webhooks/{id}/deliveries")).GetProperty("items").EnumerateArray().ToList();
            if (until(log)) return log;
            // The dispatcher reports its tries once a second: asking again sooner finds nothing new.
            await Task.Delay(TimeSpan.FromMilliseconds(250), bound.Token);
        }
    }

    /// <summary>The signature as a receiver checks it, written here from the README's description.</summary>
    private static bool Signed(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{body}"));
        return Convert.ToHexStringLower(mac) == parts["v1"];
    }
}
