using Microsoft.Extensions.Options;
using Situation.Contracts.Accounts;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Server.Demo;
using Situation.Server.Geography;
using Situation.Server.Hosting;

namespace Situation.Server.Auth;

/// <summary>
/// The accounts a new installation starts with. The embedded default gets the demo accounts of
/// the demo (admin, leader, utility, district-&lt;code&gt;, operator-&lt;org&gt;, checkpoint-&lt;code&gt;), created with the configured
/// demo password or one generated and printed once, and never reset afterwards; cluster mode gets only an <c>admin</c>, and only
/// when an admin password is configured.
/// </summary>
public sealed class AccountSeeder(IGrainFactory grains, Passwords passwords, ProvinceGeography geography, IOptions<SituationOptions> options, ILogger<AccountSeeder> logger)
{
    private static readonly Actor Setup = new("setup");

    public async Task Seed()
    {
        var settings = options.Value;
        if (settings.IsCluster || !settings.Demo.Enabled)
        {
            if (!string.IsNullOrEmpty(settings.Auth.AdminPassword))
                await Ensure([new UserAccount { Username = "admin", Role = Roles.Admin, PasswordHash = "" }], settings.Auth.AdminPassword, announce: false);
            return;
        }
        // Only accounts that do not exist yet get the demo password: one changed since is the
        // person's own, and a restart must neither undo it nor spend time hashing again.
        var configured = settings.Demo.Password;
        var password = string.IsNullOrEmpty(configured) ? Passwords.Generate() : configured;
        await Ensure(DemoAccounts(), password, announce: string.IsNullOrEmpty(configured));
    }

    private IEnumerable<UserAccount> DemoAccounts()
    {
        UserAccount Account(string name, string role, string? scope, string display) =>
            new() { Username = name, Role = role, Scope = scope, DisplayName = display, PasswordHash = "" };
        yield return Account("admin", Roles.Admin, null, "Quản trị hệ thống");
        yield return Account("leader", Roles.Leader, null, "Sở Thông tin và Truyền thông");
        yield return Account("utility", Roles.Utility, null, "Công ty Điện lực");
        // The directives' other addressees act for their own organisation (its contact point, its obligations).
        yield return Account("police", Roles.Agency, "police", "Công an tỉnh");
        yield return Account("military", Roles.Agency, "military", "Bộ Chỉ huy Quân sự tỉnh");
        yield return Account("power", Roles.Utility, "power", "Công ty Điện lực Gia Lai");
        yield return Account("water", Roles.Utility, "water", "Công ty CP Cấp thoát nước Gia Lai");
        foreach (var district in geography.DistrictIds.Order(StringComparer.Ordinal))
            yield return Account($"district-{district}", Roles.District, district, $"UBND {geography.NameOf(district)}");
        foreach (var org in ProvinceFacts.TelecomOperators.Concat(ProvinceFacts.PostalOperators))
            yield return Account($"operator-{org}", Roles.Operator, org, org);
        // Each district's checkpoint officers verify passes at every checkpoint of their district, those set up later too.
        foreach (var district in geography.DistrictIds.Order(StringComparer.Ordinal))
            yield return Account($"checkpoint-{district}", Roles.Checkpoint, WriteGate.EveryCheckpointOf + district, $"Chốt kiểm soát {geography.NameOf(district)}");
    }

    /// <summary>Creates the accounts that do not exist yet.</summary>
    private async Task Ensure(IEnumerable<UserAccount> accounts, string password, bool announce)
    {
        var missing = new List<UserAccount>();
        foreach (var account in accounts)
            if (await grains.GetGrain<IUserGrain>(account.Username).Get() is null)
                missing.Add(account);
        if (missing.Count == 0)
            return;
        // One hash for all: they start with the same password by design, so a salt of their own
        // would tell an attacker nothing the shared password does not, and hashing is deliberately
        // slow (47 demo accounts took 2.4 s of a first start). A password set later gets its own salt.
        var hash = passwords.Hash(password);
        var hashed = missing.Select(a => a with { PasswordHash = hash }).ToList();
        foreach (var account in hashed)
            await grains.GetGrain<IUserGrain>(account.Username).Create(account, Setup);
        logger.LogInformation("Created {Count} accounts", hashed.Count);
        if (announce)
            Announce(password, hashed);
    }

    /// <summary>
    /// Printed once, to the console rather than the log: the password exists nowhere else, and log
    /// files are shipped and kept where secrets should not be.
    /// </summary>
    private static void Announce(string password, IReadOnlyList<UserAccount> accounts)
    {
        Console.WriteLine($"""

            ================================================================
             Demo accounts ({accounts.Count}): admin, leader, utility, police, military, power, water,
             district-<code> (e.g. {accounts.FirstOrDefault(a => a.Role == Roles.District)?.Username ?? "district-622"}), operator-<org> (e.g. operator-viettel)
             Password of every demo account: {password}
             It is shown this once. Set Situation:Demo:Password to choose one.
            ================================================================

            """);
    }
}
