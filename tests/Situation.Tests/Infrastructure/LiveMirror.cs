using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// A dashboard's copy of the situation, kept by the client protocol of the README with the real .NET
/// SignalR client: subscribe (buffering what arrives), load the snapshot, apply what is newer; on a
/// reconnect do it all again. Keeps every (type, id) at its highest version.
/// </summary>
public sealed class LiveMirror : IAsyncDisposable
{
    private static readonly (string Section, string Type)[] Sections =
        [("districts", "district"), ("zones", "zone"), ("checkpoints", "checkpoint"), ("sites", "site"), ("offices", "office"), ("routes", "route")];

    private readonly IReadOnlyList<Uri> _servers;
    private int _serverIndex;
    private readonly string _token;
    private bool _disposed;
    private readonly string[] _scopes;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Type, string Id), (long Version, JsonElement? Data, bool Deleted)> _state = [];
    private readonly List<JsonElement> _buffer = [];
    private readonly List<(string Type, string Id, long Version)> _received = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _connection;
    private bool _loaded;

    /// <summary>Counts the starts, so that a start overtaken by a newer one leaves the state alone.</summary>
    private int _generation;

    public int Messages { get; private set; }

    private LiveMirror(IReadOnlyList<Uri> servers, string token, string[] scopes)
    {
        _servers = servers;
        _token = token;
        _scopes = scopes;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    /// <summary>The node this client is connected to (or was, last).</summary>
    public Uri Server => _servers[_serverIndex];

    /// <summary>How many times the connection was lost and made again on another node.</summary>
    public int FailOvers { get; private set; }

    /// <summary>
    /// Connects to the first of several nodes; when that connection is lost, connects to the next
    /// one that answers and reloads by the protocol, as a dashboard behind a load balancer would.
    /// </summary>
    public static async Task<LiveMirror> ConnectToAny(IReadOnlyList<Uri> servers, string token, params string[] scopes)
    {
        var mirror = new LiveMirror(servers, token, scopes);
        await mirror.Start();
        return mirror;
    }

    /// <summary>Connects as the server's admin.</summary>
    public static Task<LiveMirror> Connect(ServerProcess server, params string[] scopes) => Connect(server.BaseAddress, server.AdminToken, scopes);

    public static async Task<LiveMirror> Connect(Uri server, string token, params string[] scopes)
    {
        var mirror = new LiveMirror([server], token, scopes);
        await mirror.Start();
        return mirror;
    }

    /// <summary>Every item received, in order of arrival.</summary>
    public IReadOnlyList<(string Type, string Id, long Version)> Received
    {
        get { lock (_gate) return _received.ToArray(); }
    }

    public long VersionOf(string type, string id)
    {
        lock (_gate) return _state.TryGetValue((type, id), out var held) && !held.Deleted ? held.Version : 0;
    }

    /// <summary>Whether the entity is held and not deleted (a cleared flag is deleted).</summary>
    public bool Holds(string type, string id)
    {
        lock (_gate) return _state.TryGetValue((type, id), out var held) && !held.Deleted;
    }

    public JsonElement? DataOf(string type, string id)
    {
        lock (_gate) return _state.TryGetValue((type, id), out var held) && !held.Deleted ? held.Data : null;
    }

    public IReadOnlyDictionary<(string Type, string Id), long> Versions
    {
        get { lock (_gate) return _state.Where(e => !e.Value.Deleted).ToDictionary(e => e.Key, e => e.Value.Version); }
    }

    /// <summary>
    /// Connects, subscribes, loads the snapshot and applies what was buffered. Starts can overlap (a
    /// connection may be dropped while its snapshot loads, and the next one starts at once): only the
    /// newest start's snapshot is applied, since an older one would wind back what arrived since.
    /// </summary>
    private async Task Start()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token)).Build();
        connection.On<JsonElement>("changes", OnChanges);
        if (_servers.Count > 1)
            connection.Closed += _ => FailOver(connection);
        int generation;
        lock (_gate)
        {
            generation = ++_generation;
            _connection = connection;
            _loaded = false;
            _buffer.Clear();
        }
        await connection.StartAsync();
        await connection.InvokeAsync<string[]>("Subscribe", _scopes);
        var snapshot = await _http.GetFromJsonAsync<JsonElement>(new Uri(Server, "/api/situation"));
        lock (_gate)
        {
            if (generation != _generation)
                return;
            // A reload replaces what was held: anything missed while away, deletions included, is in it.
            _state.Clear();
            foreach (var (key, version) in Read(snapshot))
                Apply(key.Type, key.Id, version, null, deleted: false);
            foreach (var item in _buffer)
                Apply(item);
            _buffer.Clear();
            _loaded = true;
        }
        Signal();
    }

    private async Task FailOver(HubConnection lost)
    {
        lock (_gate)
            if (_disposed || lost != _connection) return;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!_disposed && DateTime.UtcNow < deadline)
        {
            _serverIndex = (_serverIndex + 1) % _servers.Count;
            try
            {
                await lost.DisposeAsync();
                await Start();
                FailOvers++;
                return;
            }
            catch (Exception) when (!_disposed)
            {
                // That node is not answering either: a short pause, then the next one.
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Drops the connection as a network failure would, then comes back by the protocol.</summary>
    public async Task DropAndReconnect()
    {
        await _connection!.DisposeAsync();
        await Start();
    }

    public async Task Drop() => await _connection!.DisposeAsync();

    public Task Reconnect() => Start();

    private void OnChanges(JsonElement message)
    {
        lock (_gate)
        {
            Messages++;
            foreach (var item in message.GetProperty("items").EnumerateArray())
            {
                _received.Add((item.GetProperty("type").GetString()!, item.GetProperty("id").GetString()!, item.GetProperty("version").GetInt64()));
                if (_loaded) Apply(item);
                else _buffer.Add(item.Clone());
            }
        }
        Signal();
    }

    private void Apply(JsonElement item) => Apply(item.GetProperty("type").GetString()!, item.GetProperty("id").GetString()!,
        item.GetProperty("version").GetInt64(), item.GetProperty("data").Clone(), item.GetProperty("deleted").GetBoolean());

    private void Apply(string type, string id, long version, JsonElement? data, bool deleted)
    {
        if (!_state.TryGetValue((type, id), out var held) || held.Version < version)
            _state[(type, id)] = (version, data, deleted);
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    /// <summary>Waits, without polling, until the condition holds after some message; fails after the bound.</summary>
    public async Task WaitUntil(Func<LiveMirror, bool> condition, TimeSpan bound, string what)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (condition(this))
                return;
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not within {bound}: {what}");
            }
        }
    }

    /// <summary>The server's versions of every entity, from its snapshot.</summary>
    public static async Task<Dictionary<(string Type, string Id), long>> ServerVersions(HttpClient http) =>
        Read(await http.GetFromJsonAsync<JsonElement>("/api/situation"));

    /// <summary>Every entity and open flag of a snapshot, with its version.</summary>
    private static Dictionary<(string Type, string Id), long> Read(JsonElement snapshot)
    {
        var versions = new Dictionary<(string, string), long>();
        foreach (var (section, type) in Sections)
            foreach (var feature in snapshot.GetProperty(section).GetProperty("features").EnumerateArray())
                versions[(type, feature.GetProperty("id").GetString()!)] = feature.GetProperty("properties").GetProperty("version").GetInt64();
        foreach (var flag in snapshot.GetProperty("flags").EnumerateArray())
            versions[("flag", flag.GetProperty("id").GetString()!)] = flag.GetProperty("version").GetInt64();
        return versions;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_connection is not null)
            await _connection.DisposeAsync();
        _http.Dispose();
    }
}
