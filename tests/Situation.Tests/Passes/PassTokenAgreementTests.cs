using System.Text.Json;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Passes;

/// <summary>
/// A checkpoint checks a pass without the network, in the officer's browser; the server checks it
/// online. Both must reach the same verdict for every token: the cases are signed here with the
/// server's own composition, the server's rules decide them, and the browser's verifier
/// (<c>web/src/passes/passToken.ts</c>, run by Vitest under Node's WebCrypto) must agree on each.
/// The dashboard's own unit run checks the copy of such cases kept in <c>web/test/fixtures</c>;
/// this test checks that copy against the server's rules too, so it cannot drift from them.
/// </summary>
public sealed class PassTokenAgreementTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string Web => Path.Combine(Paths.RepositoryRoot, "web");

    [Fact]
    public async Task The_officers_page_reaches_the_servers_verdict_on_every_kind_of_token()
    {
        var cases = PassTokenCases.Build();
        // The cases say what the server's rules make of them: each verdict a checkpoint can reach, once at least.
        foreach (var c in cases)
            Assert.True(c.Expected == PassTokenCases.ServerVerdict(c), $"{c.Name}: the server says {PassTokenCases.ServerVerdict(c)}, the case {c.Expected}");
        Assert.Equal(["bad_signature", "expired", "malformed", "not_yet_valid", "revoked", "unknown_key", "valid", "wrong_checkpoint", "wrong_zone"],
            cases.Select(c => c.Expected).Distinct().Order(StringComparer.Ordinal));

        var file = Path.Combine(Paths.NewTempDir("pass-cases"), "cases.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(cases, Json));
        var vitest = await Tool.Run("npx", ["vitest", "run", "test/passToken.test.ts", "--reporter=verbose"], Web,
            environment: new Dictionary<string, string> { ["SITUATION_PASS_CASES"] = file }, boundSeconds: 120);
        Assert.True(vitest.ExitCode == 0, vitest.Said);
        Assert.Contains($"{cases.Count} cases", vitest.Said);
    }

    [Fact]
    public void The_cases_the_dashboards_unit_tests_keep_are_decided_as_the_server_decides_them()
    {
        var kept = JsonSerializer.Deserialize<PassTokenCase[]>(File.ReadAllText(Path.Combine(Web, "test", "fixtures", "pass-tokens.json")), Json)!;
        Assert.NotEmpty(kept);
        foreach (var c in kept)
            Assert.True(c.Expected == PassTokenCases.ServerVerdict(c), $"{c.Name}: the server says {PassTokenCases.ServerVerdict(c)}, the kept case {c.Expected}");
    }
}
