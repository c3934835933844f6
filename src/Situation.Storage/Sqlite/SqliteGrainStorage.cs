using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;
using Situation.Contracts.Audit;

namespace Situation.Storage.Sqlite;

/// <summary>
/// Grain storage on the embedded default's SQLite file (Orleans' ADO.NET providers do not support
/// SQLite), with the ETag as Orleans expects it for optimistic concurrency. Writes go through the
/// file's one writer (<see cref="SqliteStore"/>); a state that carries the audit record of its
/// change is stored together with that record.
/// </summary>
public sealed class SqliteGrainStorage(SqliteStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await store.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, etag FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var payload = (byte[])reader.GetValue(0);
        grainState.State = serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The record goes to the audit table in the same transaction: the state stored beside it need
        // not carry its before and after too (PostgreSQL's write function reads it from the state).
        var record = (grainState.State as IAuditedState)?.TakeRecordOfLastChange();
        // Serialise now, on the caller's turn: the state object may change once the grain moves on.
        var payload = serializer.Serialize(grainState.State).ToArray();
        var newETag = await store.WriteState(stateName, grainId.ToString(), grainState.ETag, payload, record);
        grainState.ETag = newETag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await store.WriteState(stateName, grainId.ToString(), grainState.ETag, payload: null, record: null);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
