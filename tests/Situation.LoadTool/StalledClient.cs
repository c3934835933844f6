using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Situation.LoadTool;

/// <summary>
/// A hub client that subscribes to the province, reads until its subscription is confirmed and then
/// never reads again, but keeps pinging as a live client does: a hung browser tab, a phone on a
/// dying link, or a hostile client. With --stalled N the run measures what such clients cost
/// everybody else; the tests use it to show that they cost nothing.
/// </summary>
public sealed class StalledClient : IAsyncDisposable
{
    // Often, because a client that does not read learns its socket was closed only when a send fails.
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(2);
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pinging;
    private readonly TaskCompletionSource _closedByServer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StalledClient(ClientWebSocket socket)
    {
        _socket = socket;
        _pinging = Ping();
    }

    public static async Task<StalledClient> Connect(Uri server, string? token)
    {
        // A small receive buffer, so that what it does not read backs up to the server soon.
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var socket = new ClientWebSocket();
        var hub = new UriBuilder(new Uri(server, "/hubs/situation"))
        {
            Scheme = server.Scheme == "https" ? "wss" : "ws",
            Query = token is null ? "" : $"access_token={Uri.EscapeDataString(token)}",
        };
        await socket.ConnectAsync(hub.Uri, new HttpMessageInvoker(handler), CancellationToken.None);
        await Send(socket, """{"protocol":"json","version":1}""");
        await Send(socket, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":[["province"]]}""");
        await ReadUntilSubscribed(socket);
        return new StalledClient(socket);
    }

    /// <summary>Reads the handshake, the starting heartbeat and whatever else comes until Subscribe's answer.</summary>
    private static async Task ReadUntilSubscribed(ClientWebSocket socket)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, bound.Token);
            if (received.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("The server closed the connection before the subscription was confirmed.");
            text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
            // Only whole records: the last piece may still be on its way.
            foreach (var record in text.ToString().Split(RecordSeparator).SkipLast(1))
            {
                if (!record.Contains("\"type\":3") || !record.Contains("\"invocationId\":\"1\""))
                    continue;
                if (record.Contains("\"error\""))
                    throw new InvalidOperationException($"Subscribe failed: {record}");
                return;
            }
        }
    }

    private static Task Send(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task Ping()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(PingEvery, _stop.Token);
                await Send(_socket, """{"type":6}""");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            // The server closed it (reset: the close frame is behind what it never read).
            _closedByServer.TrySetResult();
        }
    }

    /// <summary>Whether the server still holds it (it may close a client that does not read).</summary>
    public bool Open => !_closedByServer.Task.IsCompleted && _socket.State == WebSocketState.Open;

    /// <summary>Completes when a ping fails: the server closed the connection.</summary>
    public Task ClosedByServer => _closedByServer.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging;
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }
}
