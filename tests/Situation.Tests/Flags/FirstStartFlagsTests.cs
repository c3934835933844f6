using Situation.Tests.Infrastructure;

namespace Situation.Tests.Flags;

/// <summary>
/// The demo's first start writes the province in with the flags held, and builds them once from the
/// indexes at the end (<c>IFlagsGrain.HoldForLoad</c>) instead of burst by burst: what it then shows
/// must be what a build from scratch over the same province gives — the flags a restart builds again.
/// </summary>
public sealed class FirstStartFlagsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_flags_of_a_first_start_are_those_a_restart_builds_again()
    {
        var dataDir = Paths.NewTempDir("first-start-flags");
        try
        {
            string[] first;
            await using (var server = await ServerProcess.Start(dataDir))
            {
                // A first start ever answers only once its engine is built (nothing stored to answer with).
                first = await Flags(server);
                await server.Stop();
            }
            await using var again = await ServerProcess.Start(dataDir);
            // A restarted node answers from the flags as stored until its engine is built again.
            await again.WaitForLogLine("Flag engine of district province loaded", Bound);
            var rebuilt = await Flags(again);

            Assert.NotEmpty(first);
            Assert.Equal(rebuilt, first);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<string[]> Flags(ServerProcess server) =>
    [
        .. (await server.GetJson("/api/flags")).EnumerateArray()
            .Select(f => string.Join(" ", f.GetProperty("id").GetString(), f.GetProperty("kind").GetString(), f.GetProperty("severity").GetString(),
                string.Join(",", f.GetProperty("related").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal))))
            .Order(StringComparer.Ordinal),
    ];
}
