using System.Diagnostics;
using MessagePack;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Situation.LoadTool;

/// <summary>One connected dashboard: the real .NET SignalR client, subscribed to the province.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Stopwatch _clock;
    private readonly Lock _gate = new();
    private readonly List<(string Id, long Version, long At)> _received = [];
    private readonly HashSet<(string, long)> _keys = [];
    private readonly List<(string Id, bool Deleted, long At)> _flags = [];

    public int Messages { get; private set; }

    private Receiver(HubConnection connection, Stopwatch clock)
    {
        _connection = connection;
        _clock = clock;
        connection.On<ChangesHeaders>("changes", OnChanges);
        connection.Closed += _ =>
        {
            Disconnected = true;
            return Task.CompletedTask;
        };
    }

    /// <summary>The connection dropped during the run; a dashboard would reconnect and reload the snapshot.</summary>
    public bool Disconnected { get; private set; }

    public static async Task<Receiver> Connect(Uri server, Stopwatch clock, string? token, bool json)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult(token));
        // The dashboard speaks MessagePack; --json measures clients of the JSON protocol instead.
        if (!json)
            builder.AddMessagePackProtocol();
        var connection = builder.Build();
        var receiver = new Receiver(connection, clock);
        await connection.StartAsync();
        await connection.InvokeAsync<string[]>("Subscribe", new[] { "province" });
        return receiver;
    }

    private void OnChanges(ChangesHeaders message)
    {
        var at = _clock.ElapsedTicks;
        lock (_gate)
        {
            Messages++;
            foreach (var item in message.Items)
            {
                if (item.Type == "flag")
                {
                    _flags.Add((item.Id, item.Deleted, at));
                    continue;
                }
                var key = (item.Id, item.Version);
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

    /// <summary>Flag items received: raised or changed (Deleted false) and cleared (Deleted true).</summary>
    public (string Id, bool Deleted, long At)[] Flags
    {
        get { lock (_gate) return _flags.ToArray(); }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>
/// What the tool reads of a `changes` message: each item's header. Both protocols skip the items'
/// data (and the stream position) without building it, as a tree of every message would for each
/// of 200 clients on the machine that runs the server too — the same for the platform and the
/// baseline, whose clients decode alike. The names are the messages' own: camelCase for JSON (the
/// protocol's naming policy), string keys for MessagePack.
/// </summary>
[MessagePackObject]
public sealed class ChangesHeaders
{
    [Key("items")]
    public List<ItemHeader> Items { get; set; } = [];
}

[MessagePackObject]
public sealed class ItemHeader
{
    [Key("type")]
    public string Type { get; set; } = "";

    [Key("id")]
    public string Id { get; set; } = "";

    [Key("version")]
    public long Version { get; set; }

    [Key("deleted")]
    public bool Deleted { get; set; }
}
