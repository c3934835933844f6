using Situation.Server.Api.Input;
using Situation.Server.Directives;
using Situation.Server.Geography;

namespace Situation.Tests.Directives;

/// <summary>The directive files of the demo data: letter 126 as the server carries it, and files that must be refused.</summary>
public sealed class DirectiveFileTests
{
    private static Check NewCheck() => new(new ProvinceGeography(), TimeProvider.System);

    [Fact]
    public void Letter_126_as_bundled_reads_with_its_real_dates()
    {
        var letter = DirectiveInput.FromFile(DirectivesSeeder.ReadBundled(DirectivesSeeder.Letter126), DirectivesSeeder.Letter126, NewCheck());
        Assert.Equal("126/STTTT-BCVT", letter.Number);
        Assert.Equal(new DateOnly(2021, 1, 30), letter.Date);
        var deadlines = letter.Clauses.SelectMany(c => c.Obligations).Where(o => o.Deadline is not null).Select(o => o.Deadline).Distinct().ToList();
        Assert.Equal([new DateTimeOffset(2021, 2, 3, 0, 0, 0, TimeSpan.FromHours(7))], deadlines);
        Assert.Equal(["1.1", "1.2", "1.3", "2.1", "2.2", "3.1a", "3.1b", "3.1c", "3.1d", "3.2a", "3.2b", "3.2c"], letter.Clauses.Select(c => c.Id));
    }

    [Theory]
    [InlineData("""{"id":"f","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"contact","addressees":["police"],"cadence":"continuous"}]}]}""", "clauses[0].obligations[0].kind")]
    [InlineData("""{"id":"f","number":"1","date":"30/01/2021","issuer":"a","subject":"b","clauses":[]}""", "date")]
    [InlineData("""{"id":"f","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["Công an"],"cadence":"continuous"}]}]}""", "clauses[0].obligations[0].addressees")]
    [InlineData("""{"id":"f","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["police"],"cadence":"continuous"}]},{"id":"1","text":"u","obligations":[{"kind":"uniform","addressees":["police"],"cadence":"continuous"}]}]}""", "clauses[1].id")]
    [InlineData("""{"id":"f","number":"1","date":"2021-02-01","issuer":"a","subject":"b","clauses":[{"id":"1","text":"t","obligations":[{"kind":"uniform","addressees":["police"],"cadence":"daily","deadline":"2021-02-03T00:00:00+07:00"}]}]}""", "clauses[0].obligations[0].deadline")]
    [InlineData("""{"id":"f","number":"1","date":"2021-02-01","issuer":"a","subject":"b"}""", "clauses")]
    public void A_malformed_file_is_refused_with_a_message_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<InvalidDataException>(() => DirectiveInput.FromFile(json, "letter.json", NewCheck()));
        Assert.StartsWith("The directive file letter.json is not valid: ", error.Message);
        Assert.Contains($"{field}: ", error.Message);
    }
}
