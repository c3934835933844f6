using System.Text.Json;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Live;

/// <summary>The browser's protocol, proven with the real JavaScript client (@microsoft/signalr) under Node.js, over JSON and over MessagePack.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class JavaScriptClientTests(ApiServer api)
{
    [Theory]
    [InlineData("json", "bts-638-0005")]
    [InlineData("messagepack", "bts-638-0006")]
    public async Task The_JavaScript_client_subscribes_and_receives_the_change_with_the_next_version(string protocol, string siteId)
    {
        var folder = Path.Combine(Paths.RepositoryRoot, "tests", "js");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "@microsoft", "signalr")),
            "tests/js has no node_modules: scripts/test.sh installs them (npm ci)");
        var node = await Tool.Run("node", ["live-roundtrip.mjs", api.Server.BaseAddress.ToString().TrimEnd('/'), siteId, api.Server.AdminToken, protocol], folder);

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {node.Said}");
        var result = JsonDocument.Parse(node.Output).RootElement;
        Assert.Equal(result.GetProperty("expectedVersion").GetInt64(), result.GetProperty("version").GetInt64());
        Assert.Equal(result.GetProperty("expectedHealth").GetString(), result.GetProperty("health").GetString());
        Assert.Equal("Point", result.GetProperty("locationType").GetString());
        Assert.Equal(1, result.GetProperty("itemsForSite").GetInt32());
        Assert.Equal(["province"], result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(protocol, result.GetProperty("protocol").GetString());
    }
}
