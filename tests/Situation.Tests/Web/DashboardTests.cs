using System.Diagnostics;
using Situation.Tests.Api;
using Situation.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Situation.Tests.Web;

/// <summary>
/// The dashboard's server: the demo province with its directives' clock "as of" 03/02/2021 10:00,
/// after letter 126's deadline, so that a missing contact point is overdue on the board.
/// </summary>
public sealed class DashboardServer() : ServerFixture("dashboard", new Dictionary<string, string?> { ["Situation:Directives:AsOf"] = "2021-02-03T10:00:00+07:00" }, ownProcess: false);

[CollectionDefinition(Name)]
public sealed class DashboardServerCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard server";
}

/// <summary>
/// The web dashboard in real Chromium (Debian's, headless, driven by playwright-core) against the
/// real server: each scenario is a script under web/e2e/scenarios, run with Node.js; it exits 0 when
/// everything it checks held. Screenshots go to artifacts/screenshots.
/// </summary>
[Collection(DashboardServerCollection.Name)]
public sealed class DashboardTests(DashboardServer api, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private async Task Scenario(string name)
    {
        var web = Path.Combine(Paths.RepositoryRoot, "web");
        Assert.True(File.Exists(Path.Combine(web, "dist", "index.html")), "web/dist is not built: scripts/test.sh builds it (npm run build)");
        Assert.True(Directory.Exists(Path.Combine(web, "node_modules", "playwright-core")), "web has no node_modules: scripts/test.sh installs them (npm ci)");
        var start = new ProcessStartInfo("node", ["e2e/run.mjs", name, api.Server.BaseAddress.ToString().TrimEnd('/'), TestAccounts.Password,
            Path.Combine(Paths.Artifacts, "screenshots")])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Bound);
        try
        {
            await node.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"scenario {name} ran longer than {Bound}");
        }
        output.WriteLine(await stdout);
        Assert.True(node.ExitCode == 0, $"scenario {name} failed:\n{await stderr}\n{await stdout}");
    }

    [Fact]
    public Task Every_role_signs_in_and_sees_the_map_the_districts_and_only_its_own_tools() => Scenario("roles");

    [Fact]
    public Task A_site_changes_state_on_the_map_without_a_reload_when_its_operator_reports() => Scenario("live-site");

    [Fact]
    public Task A_district_committee_draws_a_zone_and_its_connectivity_flag_appears() => Scenario("draw-zone");

    [Fact]
    public Task A_leader_acknowledges_a_flag_from_the_list() => Scenario("ack-flag");

    [Fact]
    public Task The_dashboard_speaks_Vietnamese_and_switches_to_English() => Scenario("language");

    [Fact]
    public Task A_dashboard_whose_connection_goes_silent_turns_stale_and_comes_back_live_with_what_it_missed() => Scenario("stale");

    [Fact]
    public Task The_DIC_sees_an_overdue_contact_point_in_red_and_it_turns_green_live_when_sent() => Scenario("compliance");

    [Fact]
    public Task A_leader_opens_an_incident_from_a_flag_and_the_enterprise_acknowledges_it_live() => Scenario("incident");

    [Fact]
    public Task An_enterprise_requests_a_pass_for_its_declared_crew_and_the_district_grants_it_live() => Scenario("pass-grant");

    [Fact]
    public Task A_checkpoint_officer_checks_a_valid_and_a_tampered_pass_offline_and_the_queued_crossing_reaches_the_server_once() => Scenario("checkpoint-offline");

    [Fact]
    public Task An_operator_imports_a_CSV_and_sees_the_progress_and_the_bad_row() => Scenario("csv-import");

    [Fact]
    public Task A_leader_drags_the_time_slider_back_before_a_zone_plays_forward_to_see_it_appear_and_returns_to_live() => Scenario("replay");
}
