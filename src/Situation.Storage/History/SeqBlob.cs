namespace Situation.Storage.History;

/// <summary>
/// A snapshot's record positions as SQLite keeps them: in order, each as its distance from the one
/// before, 7 bits a byte (LEB128). A province's records were mostly written together, so most
/// distances take a byte: 150,000 positions in about 200 KB, not 1.2 MB, every snapshot.
/// </summary>
internal static class SeqBlob
{
    public static byte[] Write(long[] seqs)
    {
        var bytes = new List<byte>(seqs.Length * 2);
        var previous = 0L;
        foreach (var seq in seqs)
        {
            var distance = (ulong)(seq - previous);
            previous = seq;
            while (distance >= 0x80)
            {
                bytes.Add((byte)(distance | 0x80));
                distance >>= 7;
            }
            bytes.Add((byte)distance);
        }
        return [.. bytes];
    }

    public static long[] Read(byte[] bytes)
    {
        var seqs = new List<long>(bytes.Length);
        var previous = 0L;
        ulong distance = 0;
        var shift = 0;
        foreach (var b in bytes)
        {
            distance |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) != 0)
            {
                shift += 7;
                continue;
            }
            previous += (long)distance;
            seqs.Add(previous);
            distance = 0;
            shift = 0;
        }
        return [.. seqs];
    }

    /// <summary>The positions as a JSON array, for SQLite's json_each.</summary>
    public static string Json(long[] seqs) => "[" + string.Join(",", seqs) + "]";
}
