using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Situation.Server.Api.Json;
using Situation.Server.Live;
using Situation.Tests.Api;
using Xunit.Abstractions;

namespace Situation.Tests.Live;

/// <summary>
/// The hub speaks MessagePack beside JSON, with the same message shapes: a MessagePack client and a
/// JSON client of the same scope receive the same `changes` message, field for field.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class MessagePackTests(ApiServer api, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_MessagePack_client_receives_the_same_changes_message_as_a_JSON_client()
    {
        // A site no other test of the collection reports on: the second to last one listed.
        var sites = (await api.Server.GetJson("/api/sites")).GetProperty("features").EnumerateArray().ToList();
        var site = sites[^2];
        var siteId = site.GetProperty("id").GetString()!;
        var version = site.GetProperty("properties").GetProperty("version").GetInt64();

        // Each message as each client received it, by its number: each connection delivers on its own.
        var byJson = new ConcurrentDictionary<long, string>();
        var byMessagePack = new ConcurrentDictionary<long, TaskCompletionSource<string>>();
        TaskCompletionSource<string> Packed(long seq) => byMessagePack.GetOrAdd(seq, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var carried = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var json = await Connect(messagePack: false, (JsonElement message) =>
        {
            var seq = message.GetProperty("seq").GetInt64();
            byJson[seq] = Canonical(message);
            if (message.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == siteId && i.GetProperty("version").GetInt64() > version))
                carried.TrySetResult(seq);
        });
        await using var pack = await Connect(messagePack: true, (object message) =>
            Packed(Convert.ToInt64(((IDictionary<object, object>)message)["seq"], CultureInfo.InvariantCulture)).TrySetResult(Canonical(message)));

        var health = site.GetProperty("properties").GetProperty("health").GetString() == "down" ? "up" : "down";
        using var report = await api.Http.PostAsJsonAsync($"/api/sites/{siteId}/reports", new { health, power = "battery", batteryMinutes = 42 });
        report.EnsureSuccessStatusCode();
        var seq = await carried.Task.WaitAsync(Bound);
        var packed = await Packed(seq).Task.WaitAsync(Bound);

        Assert.Equal(byJson[seq], packed);
        Assert.Contains($"\"id\":\"{siteId}\"", packed);
        Assert.Contains("\"type\":\"Point\"", packed);
    }

    [Fact]
    public async Task MessagePack_carries_a_thousand_changes_in_fewer_bytes_than_JSON()
    {
        var features = (await api.Server.GetJson("/api/sites")).GetProperty("features").EnumerateArray().Take(1000).ToList();
        var items = features.Select(f =>
        {
            var data = JsonNode.Parse(f.GetProperty("properties").GetRawText())!.AsObject();
            data["location"] = JsonNode.Parse(f.GetProperty("geometry").GetRawText());
            return new ChangeItem("site", f.GetProperty("id").GetString()!, data["version"]!.GetValue<long>(), false, JsonSerializer.SerializeToElement(data));
        }).ToList();
        var message = new InvocationMessage(SituationHub.ChangesMessage, [new ChangeBatch(items, "0123456789ab", "province", 1)]);

        var jsonOptions = new JsonHubProtocolOptions();
        ApiJson.Configure(jsonOptions.PayloadSerializerOptions);
        var jsonBytes = Size(new JsonHubProtocol(Options.Create(jsonOptions)), message);
        var packBytes = Size(new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions { SerializerOptions = JsonShapedMessagePack.Options })), message);

        output.WriteLine($"{items.Count} site changes in one message: JSON {jsonBytes:N0} bytes, MessagePack {packBytes:N0} bytes ({100.0 * packBytes / jsonBytes:F0} %)");
        Assert.Equal(1000, items.Count);
        Assert.True(packBytes < jsonBytes, $"MessagePack {packBytes} bytes, JSON {jsonBytes}");
    }

    private static int Size(IHubProtocol protocol, HubMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        protocol.WriteMessage(message, buffer);
        return buffer.WrittenCount;
    }

    private async Task<HubConnection> Connect<T>(bool messagePack, Action<T> onChanges)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, SituationHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(api.Server.AdminToken));
        if (messagePack)
            builder.AddMessagePackProtocol();
        var connection = builder.Build();
        connection.On("changes", onChanges);
        await connection.StartAsync();
        await connection.InvokeAsync<string[]>("Subscribe", new[] { "province" });
        return connection;
    }

    /// <summary>A message as text with one rule for both protocols: names in order, whole numbers as integers, others round-tripped.</summary>
    private static string Canonical(JsonElement element) => Write(new StringBuilder(), ToTree(element)).ToString();

    private static string Canonical(object? unpacked) => Write(new StringBuilder(), unpacked).ToString();

    private static object? ToTree(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => (object)p.Name, p => ToTree(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToTree).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static StringBuilder Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                return text.Append("null");
            case string s:
                return text.Append(JsonSerializer.Serialize(s));
            case bool b:
                return text.Append(b ? "true" : "false");
            case double or float:
                return text.Append(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
            case IDictionary<object, object?> map:
                text.Append('{');
                var first = true;
                foreach (var (key, item) in map.OrderBy(p => (string)p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(JsonSerializer.Serialize((string)key)).Append(':');
                    Write(text, item);
                }
                return text.Append('}');
            case object?[] list:
                text.Append('[');
                for (var i = 0; i < list.Length; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(text, list[i]);
                }
                return text.Append(']');
            default:
                // Every whole number MessagePack decodes (byte to ulong) is one integer here.
                return text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        }
    }
}
