namespace Situation.Tests.Security;

/// <summary>
/// How large a fuzz run is: a sample of 40 random mutations per endpoint in the test run;
/// scripts/fuzz.sh sets thousands (SITUATION_FUZZ_MUTATIONS) and may choose the seed
/// (SITUATION_FUZZ_SEED) so that a finding can be replayed.
/// </summary>
public static class FuzzCampaign
{
    public static readonly int Mutations = int.TryParse(Environment.GetEnvironmentVariable("SITUATION_FUZZ_MUTATIONS"), out var n) ? n : 40;

    public static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SITUATION_FUZZ_SEED"), out var seed) ? seed : 20210128;
}
