using System.Text.Json;
using Orleans.Storage;
using Situation.Contracts.Storage;

namespace Situation.Storage.Sqlite;

/// <summary>
/// Many grains' states from the embedded file in one query on one reading connection (one moment of
/// the file), deserialized as <see cref="SqliteGrainStorage"/> would.
/// </summary>
public sealed class SqliteStoredStates(SqliteStore store, IGrainStorageSerializer serializer) : IStoredStates
{
    /// <summary>
    /// Each pass runs on a thread of its own, never a thread-pool thread: a pass is seconds of CPU
    /// work (Microsoft.Data.Sqlite works synchronously) and the indexes of a restarted node all read
    /// at once; on the pool they would hold every thread and keep the node from answering at all.
    /// Two at a time, as many as this machine has cores; more only wait for the same CPU.
    /// </summary>
    private readonly SemaphoreSlim _passes = new(Math.Max(1, Environment.ProcessorCount), Math.Max(1, Environment.ProcessorCount));

    public async Task<IReadOnlyList<(GrainId Grain, T State)>> ReadMany<T>(string stateName, IReadOnlyList<GrainId> grains)
    {
        if (grains.Count == 0)
            return [];
        await _passes.WaitAsync();
        try
        {
            return await Task.Factory.StartNew(() => Read<T>(stateName, grains), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _passes.Release();
        }
    }

    private List<(GrainId Grain, T State)> Read<T>(string stateName, IReadOnlyList<GrainId> grains)
    {
        var found = new List<(GrainId, T)>(grains.Count);
        var byKey = new Dictionary<string, GrainId>(grains.Count, StringComparer.Ordinal);
        foreach (var grain in grains)
            byKey[grain.ToString()] = grain;
        using var connection = store.OpenReader().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        // The keys go in as one JSON array: SQLite looks each up by the primary key itself, without
        // a round of the driver per grain, and the query reads one moment of the file.
        command.CommandText = """
            SELECT grain_id, payload FROM grain_state
            WHERE state_name = $state AND grain_id IN (SELECT value FROM json_each($grains))
            """;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grains", JsonSerializer.Serialize(byKey.Keys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            if (serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1))) is { } state)
                found.Add((byKey[reader.GetString(0)], state));
        return found;
    }
}
