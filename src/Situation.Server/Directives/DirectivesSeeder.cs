using System.Reflection;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Demo;
using Situation.Server.Geography;
using Situation.Grains.Directives;

namespace Situation.Server.Directives;

/// <summary>
/// The demo's addressees and letter 126, loaded through the grains once per data folder (also into a
/// folder made before directives existed), with the contact points some had sent by 02/02/2021, the
/// telecom enterprises' rosters and the postal enterprises' health declarations.
/// </summary>
public sealed class DirectivesSeeder(IGrainFactory grains, ProvinceGeography geography, TimeProvider clock, ILogger<DirectivesSeeder> logger)
{
    private static readonly Actor Demo = new("demo");

    /// <summary>The letter the demo follows, from the server's own assembly.</summary>
    public const string Letter126 = "directives/126-stttt-bcvt.json";

    public static string ReadBundled(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The server carries no directive file {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task SeedOnce()
    {
        // Asked of the province grain, which start-up has woken already: a warm start must not wait
        // for the compliance grain to read the checkpoints and rosters before the node answers.
        var province = grains.GetGrain<IProvinceGrain>(IProvinceGrain.Key);
        if (await province.GetDemoDirectivesLoadedAt() is not null)
            return;
        var compliance = grains.GetGrain<IComplianceGrain>(IComplianceGrain.Key);
        var organisations = Organisations().ToList();
        // Side by side: the organisations' writes share the storage's group commits.
        await Task.WhenAll(organisations.Select(o => grains.GetGrain<IOrganisationGrain>(o.Id).Register(o.Registration, Demo)));
        var directive = DirectiveInput.FromFile(ReadBundled(Letter126), Letter126, new Check(geography, clock));
        await compliance.SaveDirective(directive, create: true, Demo);
        // By 02/02/2021 the police, the power company and some districts had sent theirs; the
        // numbers are invented (the letter's real ones are no demo's to show).
        var now = await compliance.Now();
        var sent = organisations.Select(o => o.Id).Where(id => id is "police" or "power" || (id.StartsWith("district-", StringComparison.Ordinal) && int.Parse(id[9..]) % 3 != 0)).ToList();
        await Task.WhenAll(sent.Select((id, i) => grains.GetGrain<IOrganisationGrain>(id).SetContactPoint(
            new ContactPoint($"Đầu mối {i + 1:00}", "Chánh Văn phòng", $"0000 000 {100 + i}", null, now), Demo)));
        await SeedRosters(now);
        await SeedDeclarations(now);
        await province.MarkDemoDirectivesLoaded();
        logger.LogInformation("Loaded directive {Directive} for {Count} organisations; {Sent} have sent a contact point", directive.Number, organisations.Count, sent.Count);
    }

    /// <summary>
    /// Eight days of rosters from the demo's day: three shifts a day of operations and emergency
    /// response, two of leadership. VNPT's emergency shift on the third day ends an hour early (one
    /// roster gap to see); Vietnamobile has sent no roster yet.
    /// </summary>
    private async Task SeedRosters(DateTimeOffset now)
    {
        var day = new DateTimeOffset(ObligationRules.LocalDay(now).ToDateTime(TimeOnly.MinValue), ObligationRules.LocalOffset);
        var person = 0;
        var rosters = new List<Task>();
        foreach (var telecom in ProvinceFacts.TelecomOperators.Where(o => o != "vietnamobile"))
        {
            var shifts = new List<ShiftDefinition>();
            for (var d = 0; d < 8; d++)
            {
                foreach (var (duty, hours) in new[] { (Words.Duty.Operations, 8), (Words.Duty.EmergencyResponse, 8), (Words.Duty.Leadership, 12) })
                    for (var start = 0; start < 24; start += hours)
                    {
                        var end = start + hours;
                        if (telecom == "vnpt" && duty == Words.Duty.EmergencyResponse && d == 2 && start == 8)
                            end -= 1;
                        person++;
                        shifts.Add(new ShiftDefinition($"{duty}-{d}-{start:00}", duty, $"Cán bộ trực {person:000}", $"0000 001 {person % 1000:000}",
                            day.AddDays(d).AddHours(start), day.AddDays(d).AddHours(end)));
                    }
            }
            rosters.Add(grains.GetGrain<IRosterGrain>(telecom).Save([.. shifts], Demo));
        }
        await Task.WhenAll(rosters);
    }

    /// <summary>VNPost reported yesterday and today; Viettel Post last reported the day before yesterday, so a day is missed.</summary>
    private async Task SeedDeclarations(DateTimeOffset now)
    {
        var today = ObligationRules.LocalDay(now);
        var vnpost = grains.GetGrain<IOrganisationGrain>("vnpost");
        await vnpost.ReportHealthDeclarations(new HealthDeclarationReport(today.AddDays(-1), 212, 212, now), Demo);
        await vnpost.ReportHealthDeclarations(new HealthDeclarationReport(today, 198, 205, now), Demo);
        await grains.GetGrain<IOrganisationGrain>("viettelpost").ReportHealthDeclarations(new HealthDeclarationReport(today.AddDays(-2), 86, 90, now), Demo);
    }

    private IEnumerable<(string Id, OrganisationRegistration Registration)> Organisations()
    {
        yield return ("police", new("Công an tỉnh Gia Lai", Words.OrganisationKind.Police, null));
        yield return ("military", new("Bộ Chỉ huy Quân sự tỉnh Gia Lai", Words.OrganisationKind.Military, null));
        foreach (var district in geography.DistrictIds.Order(StringComparer.Ordinal))
            yield return ($"district-{district}", new($"UBND {ProvinceFacts.Districts.FirstOrDefault(d => d.Code == district)?.FullName ?? geography.NameOf(district)}", Words.OrganisationKind.District, district));
        yield return ("power", new("Công ty Điện lực Gia Lai", Words.OrganisationKind.Power, null));
        yield return ("water", new("Công ty CP Cấp thoát nước Gia Lai", Words.OrganisationKind.Water, null));
        foreach (var telecom in ProvinceFacts.TelecomOperators)
            yield return (telecom, new($"{TelecomNames.GetValueOrDefault(telecom, telecom)} Gia Lai", Words.OrganisationKind.Telecom, null));
        foreach (var postal in ProvinceFacts.PostalOperators)
            yield return (postal, new(postal == "vnpost" ? "Bưu điện tỉnh Gia Lai" : "Viettel Post Gia Lai", Words.OrganisationKind.Postal, null));
    }

    private static readonly Dictionary<string, string> TelecomNames = new(StringComparer.Ordinal)
    {
        ["viettel"] = "Viettel", ["vnpt"] = "VNPT", ["mobifone"] = "MobiFone", ["vietnamobile"] = "Vietnamobile",
    };
}
