using System.Globalization;
using System.Net;

namespace Situation.Tests.Infrastructure;

/// <summary>The TCP endpoints a process listens on, read from Linux's /proc as <c>ss -ltnp</c> would.</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                inodes.Add(target["socket:[".Length..^1]);
        }
        var endpoints = new List<IPEndPoint>();
        foreach (var table in new[] { "tcp", "tcp6" })
            foreach (var line in File.ReadLines($"/proc/{pid}/net/{table}").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] == Listen && inodes.Contains(fields[9]))
                    endpoints.Add(Parse(fields[1]));
            }
        return endpoints;
    }

    /// <summary><c>0100007F:1F90</c>: the address in 32-bit words of host byte order (little-endian here), the port in hex.</summary>
    private static IPEndPoint Parse(string field)
    {
        var (address, port) = (field[..field.IndexOf(':')], field[(field.IndexOf(':') + 1)..]);
        var bytes = new byte[address.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
            for (var b = 0; b < 4; b++)
                bytes[word * 4 + b] = byte.Parse(address.AsSpan(word * 8 + (3 - b) * 2, 2), NumberStyles.HexNumber);
        return new IPEndPoint(new IPAddress(bytes), int.Parse(port, NumberStyles.HexNumber));
    }
}
