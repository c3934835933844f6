using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>One real server in the embedded default, with the demo province, hosted in the test process and shared by the API, live and flag tests.</summary>
public sealed class ApiServer() : ServerFixture("api", new Dictionary<string, string?> { ["Situation:OrleansDashboard"] = "true" }, ownProcess: false)
{
    public HttpClient Http => Server.Http;

    public static StringContent JsonBody(string json, string contentType = "application/json") => new(json, Encoding.UTF8, contentType);

    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string? json, string contentType = "application/json") =>
        Http.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : JsonBody(json, contentType) });

    /// <summary>The entity as the API shows it now, or its 404 status: what must not change after a refused write.</summary>
    public async Task<string> Probe(string path)
    {
        using var response = await Http.GetAsync(path);
        // A problem body carries a trace id of its own request; only an entity's body must stay the same.
        return response.IsSuccessStatusCode ? $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}" : $"{(int)response.StatusCode}";
    }

    public async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}

[CollectionDefinition(Name)]
public sealed class ApiServerCollection : ICollectionFixture<ApiServer>
{
    public const string Name = "api server";
}
