using System.Buffers.Binary;

namespace Situation.Storage.History;

/// <summary>A snapshot's record positions as SQLite keeps them: 8 bytes each, little-endian, in order.</summary>
internal static class SeqBlob
{
    public static byte[] Write(long[] seqs)
    {
        var bytes = new byte[seqs.Length * sizeof(long)];
        for (var i = 0; i < seqs.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), seqs[i]);
        return bytes;
    }

    public static long[] Read(byte[] bytes)
    {
        var seqs = new long[bytes.Length / sizeof(long)];
        for (var i = 0; i < seqs.Length; i++)
            seqs[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * sizeof(long)));
        return seqs;
    }

    /// <summary>The positions as a JSON array, for SQLite's json_each.</summary>
    public static string Json(long[] seqs) => "[" + string.Join(",", seqs) + "]";
}
