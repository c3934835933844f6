using Microsoft.AspNetCore.SignalR;
using Situation.Contracts.Model;
using Situation.Grains.Telemetry;
using Situation.Server.Auth;

namespace Situation.Server.Live;

/// <summary>
/// One hub connection's pushes, sent in the order they were posted without anyone waiting for the
/// connection. A message goes out at once on the poster's thread when nothing is queued (the usual
/// case, as cheap as a group send); while a write waits for the client to read, the next ones queue.
/// A client that takes nothing for <see cref="LiveOptions.StalledClientBound"/>, or lets
/// <see cref="LiveOptions.ClientQueueLimit"/> messages pile up, is closed: it cannot be live, it
/// must not hold memory without end, and its page reconnects and catches up by itself.
/// </summary>
public sealed class ClientOutbox(HubConnectionContext connection, LiveOptions options, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Queue<SerializedHubMessage> _waiting = new();
    private bool _writing;
    private bool _closed;

    public HubConnectionContext Connection => connection;

    /// <summary>Who holds the connection, as the permissions see them: what decides the items it is sent.</summary>
    public Actor? Actor { get; } = connection.User is { } user ? Caller.Of(user)?.Actor : null;

    public void Post(SerializedHubMessage message)
    {
        bool writeNow;
        lock (_gate)
        {
            if (_closed)
                return;
            writeNow = !_writing;
            if (writeNow)
                _writing = true;
            else if (_waiting.Count < options.ClientQueueLimit)
            {
                _waiting.Enqueue(message);
                return;
            }
        }
        if (writeNow)
            WriteFrom(message);
        else
            Close($"{options.ClientQueueLimit} messages were waiting for it");
    }

    /// <summary>Stops sending, without closing the connection: it is gone already.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            _closed = true;
            _waiting.Clear();
        }
    }

    private void WriteFrom(SerializedHubMessage message)
    {
        while (true)
        {
            var writing = Write(message);
            if (!writing.IsCompleted)
            {
                _ = Finish(writing);
                return;
            }
            Observe(writing);
            if (!TakeNext(out message))
                return;
        }
    }

    /// <summary>The client is slow to read: wait for it, but only so long.</summary>
    private async Task Finish(ValueTask writing)
    {
        try
        {
            await writing.AsTask().WaitAsync(options.StalledClientBound);
        }
        catch (TimeoutException)
        {
            Close($"it took no message for {options.StalledClientBound.TotalSeconds:0.#} s");
            return;
        }
        catch (Exception)
        {
            // The connection failed under the write; SignalR closes it and OnDisconnected detaches it.
        }
        if (TakeNext(out var message))
            WriteFrom(message);
    }

    private ValueTask Write(SerializedHubMessage message)
    {
        try
        {
            return connection.WriteAsync(message);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    private static void Observe(ValueTask written)
    {
        try
        {
            written.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // As in Finish: a failed write is the connection's end, which SignalR handles.
        }
    }

    private bool TakeNext(out SerializedHubMessage message)
    {
        lock (_gate)
        {
            if (!_closed && _waiting.TryDequeue(out message!))
                return true;
            _writing = false;
            message = null!;
            return false;
        }
    }

    private void Close(string why)
    {
        Detach();
        SituationMetrics.StalledClientsClosed.Add(1);
        logger.LogInformation("Closed live connection {Connection} ({User}) because {Why}; it reconnects and catches up",
            connection.ConnectionId, connection.User?.Identity?.Name, why);
        connection.Abort();
    }
}
