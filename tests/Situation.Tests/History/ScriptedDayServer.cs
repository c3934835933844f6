using Situation.Tests.Infrastructure;

namespace Situation.Tests.History;

/// <summary>
/// A demo province on a manual clock, for a test that scripts a day. Nothing but the script moves its
/// world: the staleness windows and the timers that re-read the clock are longer than the day, and
/// the daily report is not made by itself, so every change is one the script made (or the flags
/// derive from it) and the picture settles after each step.
/// </summary>
public sealed class ScriptedDayServer : IAsyncLifetime
{
    private readonly string _dataDir = Paths.NewTempDir("scripted-day");

    /// <summary>Starts at the real time, to the second: sign-in tokens are checked against the real clock.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InProcessServer.Start(_dataDir, new Dictionary<string, string?>
    {
        ["Situation:Demo:BtsCount"] = "300",
        ["Situation:Flags:SiteReportWindow"] = "30.00:00:00",
        ["Situation:Flags:CheckpointReportWindow"] = "30.00:00:00",
        ["Situation:Flags:PostalReportWindow"] = "30.00:00:00",
        ["Situation:Flags:TickInterval"] = "1.00:00:00",
        ["Situation:Directives:EvaluateEvery"] = "1.00:00:00",
        ["Situation:Auth:TokenLifetime"] = "3.00:00:00",
        ["Situation:History:SnapshotInterval"] = "01:00:00",
        ["Situation:History:SettleTime"] = "00:20:00",
        ["Situation:Sitreps:DailyAt"] = "",
        // Webhooks retry quickly, so a test sees a receiver's third try within a second.
        ["Situation:Webhooks:FirstRetry"] = "00:00:00.100",
        ["Situation:Webhooks:Attempts"] = "4",
    }, Clock);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}

