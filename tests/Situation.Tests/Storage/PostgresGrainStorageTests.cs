using Situation.Storage.Postgres;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Storage;

/// <summary>Orleans' own ADO.NET provider on the project's PostgreSQL schema, on a real server.</summary>
public sealed class PostgresGrainStorageTests : GrainStorageContract
{
    protected override async Task AddStorage(ISiloBuilder silo)
    {
        var connectionString = await TestPostgres.CreateDatabase("storage");
        await PostgresSchema.ApplyAsync(connectionString);
        silo.AddAdoNetGrainStorage(Name, o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
    }

    [Fact]
    public async Task The_schema_applies_again_over_itself_without_harm()
    {
        var connectionString = await TestPostgres.CreateDatabase("schema");

        await PostgresSchema.ApplyAsync(connectionString);
        await Task.WhenAll(PostgresSchema.ApplyAsync(connectionString), PostgresSchema.ApplyAsync(connectionString));

        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey','ReadFromStorageKey','ClearStorageKey','DeleteStorageKey','MembershipReadAllKey','InsertMembershipKey')", connection);
        Assert.Equal(6L, (long)(await count.ExecuteScalarAsync())!);
    }
}
