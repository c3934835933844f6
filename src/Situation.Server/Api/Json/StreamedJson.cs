using System.IO.Pipelines;
using System.Text.Json;

namespace Situation.Server.Api.Json;

/// <summary>A JSON writer on the response body that hands finished chunks to the client as it goes.</summary>
public sealed class JsonStream(Utf8JsonWriter writer, PipeWriter pipe, CancellationToken aborted)
{
    private const int ChunkBytes = 64 * 1024;

    public Utf8JsonWriter Writer => writer;

    public async ValueTask FlushIfFull()
    {
        if (writer.BytesPending < ChunkBytes)
            return;
        writer.Flush();
        await pipe.FlushAsync(aborted);
    }
}

/// <summary>An <see cref="IResult"/> that streams its JSON straight to the response body.</summary>
public sealed class StreamedJson(Func<JsonStream, Task> write, string contentType = "application/geo+json") : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        var pipe = httpContext.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe);
        await write(new JsonStream(writer, pipe, httpContext.RequestAborted));
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
