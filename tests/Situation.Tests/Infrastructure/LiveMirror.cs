using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Situation.Contracts.Entities;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// A dashboard's copy of the situation, kept by the client protocol of the README with the real .NET
/// SignalR client: subscribe (buffering what arrives), load the snapshot, apply what is newer; on a
/// reconnect do it all again. Keeps every (type, id) at its highest version. Follows every stream's
/// message numbers: a gap (in a message or a heartbeat) is fetched from <c>/api/changes</c>, or the
/// picture reloaded when that is gone; silence longer than three heartbeats starts over.
/// </summary>
public sealed class LiveMirror : IAsyncDisposable
{
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

    /// <summary>The last message number held of each (publisher, scope) stream, on this connection.</summary>
    private readonly Dictionary<(string Publisher, string Scope), long> _positions = [];

    /// <summary>Scopes whose starting heartbeat has come on this connection.</summary>
    private readonly HashSet<string> _started = [];

    private DateTime _lastHeard = DateTime.UtcNow;
    private TimeSpan _silenceBound = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource _watching = new();

    /// <summary>Counts the starts, so that a start overtaken by a newer one leaves the state alone.</summary>
    private int _generation;

    public int Messages { get; private set; }

    /// <summary>Gaps filled from <c>/api/changes</c>.</summary>
    public int CatchUps { get; private set; }

    /// <summary>Times the whole picture was loaded again (a gap no longer kept, or silence).</summary>
    public int Reloads { get; private set; }

    /// <summary>Why each reload was made, for a test's report.</summary>
    public IReadOnlyList<string> ReloadReasons
    {
        get { lock (_gate) return [.. _reloadReasons]; }
    }

    private readonly List<string> _reloadReasons = [];

    /// <summary>For a test of the protocol: the next `changes` message is lost, as on a bad network.</summary>
    public bool LoseNextChanges { get; set; }

    /// <summary>Messages lost on purpose (<see cref="LoseNextChanges"/>).</summary>
    public int Lost { get; private set; }

    /// <summary>The publishers whose streams this client follows on its connection.</summary>
    public IReadOnlyList<string> Publishers
    {
        get { lock (_gate) return _positions.Keys.Select(k => k.Publisher).Distinct().ToList(); }
    }

    /// <summary>For a test of the protocol: the connection stays open but nothing it carries is heard.</summary>
    public bool Deaf { get; set; }

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
        mirror.WatchForSilence();
        return mirror;
    }

    /// <summary>Connects as the server's admin.</summary>
    public static Task<LiveMirror> Connect(RunningServer server, params string[] scopes) => Connect(server.BaseAddress, server.AdminToken, scopes);

    public static async Task<LiveMirror> Connect(Uri server, string token, params string[] scopes)
    {
        var mirror = new LiveMirror([server], token, scopes);
        await mirror.Start();
        mirror.WatchForSilence();
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

    /// <summary>Where this client stands in each stream, for a test's report.</summary>
    public string DescribePositions()
    {
        lock (_gate) return string.Join(", ", _positions.Select(p => $"{p.Key.Publisher}/{p.Key.Scope}={p.Value}"));
    }

    /// <summary>Where this client stands in each (publisher, scope) stream.</summary>
    public IReadOnlyDictionary<(string Publisher, string Scope), long> Positions
    {
        get { lock (_gate) return new Dictionary<(string, string), long>(_positions); }
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
        connection.On<JsonElement>("changes", message => OnChanges(connection, message));
        connection.On<JsonElement>("heartbeat", message => OnHeartbeat(connection, message));
        if (_servers.Count > 1)
            connection.Closed += _ => FailOver(connection);
        int generation;
        lock (_gate)
        {
            generation = ++_generation;
            _connection = connection;
            _loaded = false;
            _buffer.Clear();
            _positions.Clear();
            _started.Clear();
            _lastHeard = DateTime.UtcNow;
        }
        JsonElement snapshot;
        try
        {
            await connection.StartAsync();
            await connection.InvokeAsync<string[]>("Subscribe", _scopes);
            snapshot = await _http.GetFromJsonAsync<JsonElement>(new Uri(Server, "/api/situation"));
        }
        catch
        {
            // A start that did not complete leaves nothing behind: not a connection to fail over from.
            lock (_gate)
                if (_connection == connection) _connection = null;
            await connection.DisposeAsync();
            throw;
        }
        lock (_gate)
        {
            if (generation != _generation)
                return;
            // A reload replaces what was held: anything missed while away, deletions included, is in it.
            _state.Clear();
            foreach (var (key, version) in VersionsIn(snapshot))
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
        {
            if (_disposed || lost != _connection) return;
            _connection = null;
        }
        await lost.DisposeAsync();
        await StartSomewhere(moveOn: true);
        FailOvers++;
    }

    /// <summary>
    /// Starts on this node (or, with <paramref name="moveOn"/> or once it fails, the next ones) until
    /// a start completes — a node may answer 503 for a while after another's death — within 90 s.
    /// </summary>
    private async Task StartSomewhere(bool moveOn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (moveOn) _serverIndex = (_serverIndex + 1) % _servers.Count;
            try
            {
                await Start();
                return;
            }
            catch (Exception) when (!_disposed && DateTime.UtcNow < deadline)
            {
                // That node is not answering (yet): a short pause, then the next one.
                moveOn = true;
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

    private void OnChanges(HubConnection connection, JsonElement message)
    {
        var gaps = new List<(string Publisher, string Scope, long Since)>();
        lock (_gate)
        {
            if (connection != _connection || Deaf)
                return;
            if (LoseNextChanges)
            {
                LoseNextChanges = false;
                Lost++;
            }
            else
            {
                Take(message);
                var (publisher, scope, seq) = (message.GetProperty("publisher").GetString()!, message.GetProperty("scope").GetString()!, message.GetProperty("seq").GetInt64());
                var known = _positions.TryGetValue((publisher, scope), out var last);
                // Before the scope's starting heartbeat a message only moves the position; after it, a
                // number past the next one (or a new publisher's that is not its first) is a gap.
                if (_started.Contains(scope) && seq > (known ? last : 0) + 1)
                    gaps.Add((publisher, scope, known ? last : 0));
                if (!known || seq > last)
                    _positions[(publisher, scope)] = seq;
            }
        }
        Signal();
        foreach (var gap in gaps)
            _ = CatchUp(connection, gap.Publisher, gap.Scope, gap.Since);
    }

    private void Take(JsonElement message)
    {
        _lastHeard = DateTime.UtcNow;
        Messages++;
        foreach (var item in message.GetProperty("items").EnumerateArray())
        {
            _received.Add((item.GetProperty("type").GetString()!, item.GetProperty("id").GetString()!, item.GetProperty("version").GetInt64()));
            if (_loaded) Apply(item);
            else _buffer.Add(item.Clone());
        }
    }

    private void OnHeartbeat(HubConnection connection, JsonElement heartbeat)
    {
        var gaps = new List<(string Publisher, string Scope, long Since)>();
        lock (_gate)
        {
            if (connection != _connection || Deaf)
                return;
            _lastHeard = DateTime.UtcNow;
            _silenceBound = TimeSpan.FromMilliseconds(3 * heartbeat.GetProperty("everyMs").GetInt32());
            var scope = heartbeat.GetProperty("scope").GetString()!;
            var starting = _started.Add(scope);
            foreach (var position in heartbeat.GetProperty("positions").EnumerateObject())
            {
                var known = _positions.TryGetValue((position.Name, scope), out var last);
                var now = position.Value.GetInt64();
                if (!starting && now > (known ? last : 0))
                    gaps.Add((position.Name, scope, known ? last : 0));
                if (!known || now > last)
                    _positions[(position.Name, scope)] = now;
            }
        }
        foreach (var gap in gaps)
            _ = CatchUp(connection, gap.Publisher, gap.Scope, gap.Since);
    }

    /// <summary>Fetches what a stream sent after <paramref name="since"/>; reloads everything when that is no longer kept.</summary>
    private async Task CatchUp(HubConnection connection, string publisher, string scope, long since)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Server, $"/api/changes?scope={Uri.EscapeDataString(scope)}&publisher={publisher}&since={since}"));
            if (response.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                await Restart(connection, $"{publisher}/{scope} after {since} no longer kept");
                return;
            }
            response.EnsureSuccessStatusCode();
            var caught = await response.Content.ReadFromJsonAsync<JsonElement>();
            lock (_gate)
            {
                if (connection != _connection)
                    return;
                CatchUps++;
                foreach (var item in caught.GetProperty("items").EnumerateArray())
                {
                    if (_loaded) Apply(item);
                    else _buffer.Add(item.Clone());
                }
            }
            Signal();
        }
        catch (Exception error) when (!_disposed)
        {
            // The node could not answer: start over on this connection's terms, as a lost connection would.
            await Restart(connection, $"catching up {publisher}/{scope} after {since} failed: {error.Message}");
        }
    }

    /// <summary>Starts over: a new connection, a new subscription, the whole picture.</summary>
    private async Task Restart(HubConnection stale, string why)
    {
        lock (_gate)
        {
            if (_disposed || stale != _connection)
                return;
            Reloads++;
            _reloadReasons.Add(why);
            // Not the connection any more: its close is this restart's doing, not a failure to fail over from.
            _connection = null;
        }
        await stale.DisposeAsync();
        await StartSomewhere(moveOn: false);
    }

    /// <summary>No message and no heartbeat for three heartbeats: the connection is open but dead to this client.</summary>
    private void WatchForSilence() => Task.Run(async () =>
    {
        while (!_watching.IsCancellationRequested)
        {
            HubConnection? connection;
            bool silent;
            lock (_gate)
            {
                connection = _connection;
                silent = DateTime.UtcNow - _lastHeard > _silenceBound;
            }
            if (silent && connection is not null)
            {
                Deaf = false;
                await Restart(connection, "silence");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), _watching.Token).ContinueWith(_ => { });
        }
    });

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
        VersionsIn(await http.GetFromJsonAsync<JsonElement>("/api/situation"));

    /// <summary>Every entity and open flag of a snapshot, with its version.</summary>
    public static Dictionary<(string Type, string Id), long> VersionsIn(JsonElement snapshot)
    {
        var versions = new Dictionary<(string, string), long>();
        foreach (var entity in EntityTable.All)
            foreach (var feature in snapshot.GetProperty(entity.Section).GetProperty("features").EnumerateArray())
                versions[(entity.Type, feature.GetProperty("id").GetString()!)] = feature.GetProperty("properties").GetProperty("version").GetInt64();
        foreach (var flag in snapshot.GetProperty("flags").EnumerateArray())
            versions[("flag", flag.GetProperty("id").GetString()!)] = flag.GetProperty("version").GetInt64();
        return versions;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _watching.Cancel();
        if (_connection is not null)
            await _connection.DisposeAsync();
        _http.Dispose();
    }
}
