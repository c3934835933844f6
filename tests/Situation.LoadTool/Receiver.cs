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
    // Arrivals are kept as numbers, not objects: 200 clients take in about 500,000 items a second, and
    // a string and a set entry kept for each made the tool's collector pause 30-100 ms every 400 ms
    // (12 % of its time), which stalled every request in flight at once and counted as the server's latency.
    private readonly List<Arrival> _received = [];
    private readonly Dictionary<int, long> _newest = [];
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
                var entity = EntityNumbers.Of(item.Id);
                _received.Add(new Arrival(entity, item.Version, at));
                if (item.Version > _newest.GetValueOrDefault(entity))
                    _newest[entity] = item.Version;
            }
        }
    }

    /// <summary>Whether each entity's given version, or a newer one (pushes coalesce), has arrived.</summary>
    public bool HasAll(IEnumerable<(string Id, long Version)> keys)
    {
        lock (_gate) return keys.All(k => _newest.GetValueOrDefault(EntityNumbers.Of(k.Id)) >= k.Version);
    }

    public (string Id, long Version, long At)[] Received
    {
        get { lock (_gate) return [.. _received.Select(a => (EntityNumbers.Name(a.Entity), a.Version, a.At))]; }
    }

    private readonly record struct Arrival(int Entity, long Version, long At);

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
