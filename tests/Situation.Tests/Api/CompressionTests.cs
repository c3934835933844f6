using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// Answers are compressed for a client that asks (brotli, else gzip), byte for byte the same once
/// decompressed; sign-in answers and writes' answers are not.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class CompressionTests(ApiServer api)
{
    public static TheoryData<string, string> Answers => new()
    {
        { "/api/districts", "br" },
        { "/api/districts", "gzip" },
        { "/api/sites", "br" },
        { "/api/sites", "gzip" },
        { "/api/checkpoints", "br" },
        { "/api/postal/offices", "gzip" },
        { "/openapi/v1.json", "gzip" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_compressed_answer_is_the_plain_answer_once_decompressed(string path, string encoding)
    {
        using var http = Client();
        var plain = await Get(http, path, accept: null);
        var compressed = await Get(http, path, accept: $"{encoding}, identity;q=0.5");

        Assert.Empty(plain.Encoding);
        Assert.Equal([encoding], compressed.Encoding);
        Assert.Contains("Accept-Encoding", compressed.Vary);
        Assert.True(compressed.Body.Length < plain.Body.Length / 2, $"{path}: {compressed.Body.Length} bytes {encoding} for {plain.Body.Length} plain");
        Assert.Equal(plain.Body, Decompress(compressed.Body, encoding));
    }

    [Fact]
    public async Task Brotli_is_chosen_when_both_are_offered()
    {
        using var http = Client();
        var answer = await Get(http, "/api/districts", accept: "gzip, br");

        Assert.Equal(["br"], answer.Encoding);
    }

    [Fact]
    public async Task A_sign_in_answer_is_never_compressed()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = TestAccounts.Password }),
        };
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_write_is_answered_plain()
    {
        using var http = Client();
        // A site no other test of the collection reports on: the last one listed.
        var site = (await api.Server.GetJson("/api/sites")).GetProperty("features").EnumerateArray().Last().GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sites/{site}/reports")
        {
            Content = JsonContent.Create(new { health = "up", power = "grid" }),
        };
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private HttpClient Client()
    {
        // Decompression is this test's to do: the client must hand over the bytes as they came.
        var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = api.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Server.AdminToken);
        return http;
    }

    private static async Task<(byte[] Body, string[] Encoding, string[] Vary)> Get(HttpClient http, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
            request.Headers.AcceptEncoding.ParseAdd(accept);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), [.. response.Content.Headers.ContentEncoding], [.. response.Headers.Vary]);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
