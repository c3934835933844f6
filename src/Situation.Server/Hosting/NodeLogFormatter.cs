using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Situation.Server.Hosting;

/// <summary>
/// One JSON object per log line with the node it came from, so that the logs of several nodes can
/// be merged and still be told apart: time, level, node, category, event, message, exception.
/// Tokens in query strings are redacted (<see cref="LogRedaction"/>).
/// </summary>
public sealed class NodeLogFormatter(IOptionsMonitor<NodeLogOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "situation";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (message is null && entry.Exception is null)
            return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("level", entry.LogLevel.ToString());
            json.WriteString("node", options.CurrentValue.Node);
            json.WriteString("category", entry.Category);
            if (entry.EventId.Id != 0) json.WriteNumber("event", entry.EventId.Id);
            json.WriteString("message", message is null ? null : LogRedaction.Redact(message));
            if (entry.Exception is { } error) json.WriteString("exception", LogRedaction.Redact(error.ToString()));
            json.WriteEndObject();
        }
        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
