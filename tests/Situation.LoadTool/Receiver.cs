using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Situation.LoadTool;

/// <summary>One connected dashboard: the real .NET SignalR client, subscribed to the province.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Stopwatch _clock;
    private readonly Lock _gate = new();
    private readonly List<(string Id, long Version, long At)> _received = [];
    private readonly HashSet<(string, long)> _keys = [];

    public int Messages { get; private set; }

    private Receiver(HubConnection connection, Stopwatch clock)
    {
        _connection = connection;
        _clock = clock;
        connection.On<JsonElement>("changes", OnChanges);
    }

    public static async Task<Receiver> Connect(Uri server, Stopwatch clock)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(server, "/hubs/situation")).Build();
        var receiver = new Receiver(connection, clock);
        await connection.StartAsync();
        await connection.InvokeAsync<string[]>("Subscribe", new[] { "province" });
        return receiver;
    }

    private void OnChanges(JsonElement message)
    {
        var at = _clock.ElapsedTicks;
        lock (_gate)
        {
            Messages++;
            foreach (var item in message.GetProperty("items").EnumerateArray())
            {
                var key = (item.GetProperty("id").GetString()!, item.GetProperty("version").GetInt64());
                _received.Add((key.Item1, key.Item2, at));
                _keys.Add(key);
            }
        }
    }

    public bool HasAll(IEnumerable<(string, long)> keys)
    {
        lock (_gate) return keys.All(_keys.Contains);
    }

    public (string Id, long Version, long At)[] Received
    {
        get { lock (_gate) return _received.ToArray(); }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
