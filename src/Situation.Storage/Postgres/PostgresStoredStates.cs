using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using Situation.Contracts.Storage;

namespace Situation.Storage.Postgres;

/// <summary>
/// Many grains' states from Orleans' ADO.NET storage table in one query, deserialized as that
/// provider would. A string-keyed grain's row holds its key as the extension string and its state
/// name as the type string (see Sql/postgresql.sql); the expression index on both serves the query.
/// </summary>
public sealed class PostgresStoredStates(string connectionString, string serviceId, IGrainStorageSerializer serializer) : IStoredStates
{
    public async Task<IReadOnlyList<(GrainId Grain, T State)>> ReadMany<T>(string stateName, IReadOnlyList<GrainId> grains)
    {
        var found = new List<(GrainId, T)>(grains.Count);
        if (grains.Count == 0)
            return found;
        var byKey = new Dictionary<string, GrainId>(grains.Count, StringComparer.Ordinal);
        foreach (var grain in grains)
            byKey[grain.Key.ToString()!] = grain;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT GrainIdExtensionString, PayloadBinary FROM OrleansStorage
            WHERE ServiceId = $1 AND GrainTypeString = $2 AND GrainIdN0 = 0 AND GrainIdN1 = 0
              AND md5(GrainIdExtensionString) = ANY (SELECT md5(k) FROM unnest($3::text[]) AS k)
              AND GrainIdExtensionString = ANY ($3) AND PayloadBinary IS NOT NULL
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = byKey.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1))) is { } state)
                found.Add((byKey[reader.GetString(0)], state));
        }
        return found;
    }
}
