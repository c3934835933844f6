using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Passes;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Passes;

/// <summary>
/// A pass is decided on the day it is decided, on a manual clock: a crew member who declared their
/// health on the day of the request but not on the day of the decision keeps the pass from being
/// granted (clause 3.2c) until they declare again. A cluster of its own: the test moves its clock.
/// </summary>
public sealed class PassDecisionTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly Actor Admin = new("admin", "admin");

    [Fact]
    public async Task A_member_whose_declaration_is_from_yesterday_keeps_the_pass_from_being_granted_until_they_declare_again()
    {
        var enterprise = $"tel-{Guid.NewGuid():N}"[..12];
        var crews = cluster.Grains.GetGrain<ICrewsGrain>(enterprise);
        Assert.Equal(WriteOutcome.Created, (await crews.Save("crew-1", new CrewDefinition("Tổ ứng cứu", "81C-000.02", [new CrewMemberDefinition("m1", "Siu H'Mai", "0000 000 901")]), Admin)).Outcome);
        // Late on the evening of 2 February in Gia Lai, the member declares and the pass is asked for.
        var evening = new DateTimeOffset(2021, 2, 2, 22, 30, 0, TimeSpan.FromHours(7));
        Assert.True(evening > cluster.Clock.GetUtcNow(), "the cluster's clock starts before that evening");
        cluster.Clock.Advance(evening - cluster.Clock.GetUtcNow());
        var today = LocalDay.Of(cluster.Clock.GetUtcNow());
        Assert.Equal(WriteOutcome.Changed, (await crews.Declare("crew-1", "m1", today, Admin)).Outcome);
        var pass = cluster.Grains.GetGrain<IPassGrain>($"pass-{Guid.NewGuid():N}"[..17]);
        var now = cluster.Clock.GetUtcNow();
        var applied = await pass.Apply(new PassApplication(enterprise, "crew-1", [new PassMember("m1", "Siu H'Mai")], "81C-000.02", null, "622",
            ["zone-a"], ["cp-622-01"], now, now.AddHours(12)), Admin);
        Assert.Equal(WriteOutcome.Created, applied.Outcome);

        // After midnight in Gia Lai the declaration is yesterday's: no grant.
        cluster.Clock.Advance(TimeSpan.FromHours(2));
        var refused = await pass.Decide(grant: true, null, new Actor("district-622", "district", "622"));
        Assert.Equal((WriteOutcome.Conflict, Words.PassState.Requested), (refused.Outcome, refused.View!.State));
        Assert.Null(refused.View.Token);

        // Declared again today, it is granted and signed.
        Assert.Equal(WriteOutcome.Changed, (await crews.Declare("crew-1", "m1", LocalDay.Of(cluster.Clock.GetUtcNow()), Admin)).Outcome);
        var granted = await pass.Decide(grant: true, null, new Actor("district-622", "district", "622"));
        Assert.Equal((WriteOutcome.Changed, Words.PassState.Granted), (granted.Outcome, granted.View!.State));
        Assert.StartsWith($"{PassToken.Version}.", granted.View.Token);
    }
}
