using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Situation.LoadTool;

/// <summary>
/// A hub client that subscribes to the province and then never reads what it is sent, but keeps
/// pinging as a live client does: a hung browser tab, a phone on a dying link, or a hostile client.
/// With --stalled N the run measures what such clients cost everybody else.
/// </summary>
public sealed class StalledClient : IAsyncDisposable
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(5);
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pinging;

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
        return new StalledClient(socket);
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
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Stopped, or the server closed it: either way it has nothing more to do.
        }
    }

    /// <summary>Whether the server still holds it (it may close a client that does not read).</summary>
    public bool Open => _socket.State == WebSocketState.Open;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging;
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }
}
