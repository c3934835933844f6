using Orleans.Storage;
using Situation.Contracts.Storage;

namespace Situation.Storage.Sqlite;

/// <summary>
/// Many grains' states from the embedded file in one pass: one prepared key lookup per grain on one
/// reading connection (SQLite answers each from the primary key in microseconds), deserialized as
/// <see cref="SqliteGrainStorage"/> would.
/// </summary>
public sealed class SqliteStoredStates(SqliteStore store, IGrainStorageSerializer serializer) : IStoredStates
{
    // Off the caller's scheduler: Microsoft.Data.Sqlite does its work synchronously, and a grain
    // turn must not spend a province's worth of lookups on its own thread.
    public Task<IReadOnlyList<(GrainId Grain, T State)>> ReadMany<T>(string stateName, IReadOnlyList<GrainId> grains) =>
        Task.Run(() => Read<T>(stateName, grains));

    private async Task<IReadOnlyList<(GrainId Grain, T State)>> Read<T>(string stateName, IReadOnlyList<GrainId> grains)
    {
        var found = new List<(GrainId, T)>(grains.Count);
        if (grains.Count == 0)
            return found;
        await using var connection = await store.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        command.Parameters.AddWithValue("$state", stateName);
        var grainParameter = command.Parameters.Add("$grain", Microsoft.Data.Sqlite.SqliteType.Text);
        command.Prepare();
        // One read transaction, so the pass sees one moment of the file, as a grain-by-grain rebuild
        // would not, and SQLite takes its read lock once rather than per lookup.
        await using var transaction = connection.BeginTransaction(deferred: true);
        command.Transaction = transaction;
        foreach (var grain in grains)
        {
            grainParameter.Value = grain.ToString();
            if (command.ExecuteScalar() is byte[] payload && serializer.Deserialize<T>(new BinaryData(payload)) is { } state)
                found.Add((grain, state));
        }
        return found;
    }
}
