using System.Text.Json;

namespace Situation.LoadTool;

/// <summary>
/// Where a process's CPU time went, from a dotnet-trace thread-time trace converted to speedscope
/// (scripts/bench/profile.sh). Each sample on the CPU is charged twice: to the innermost piece of
/// machinery it ran in (JSON, SQLite, Orleans' messaging, SignalR, Kestrel, geometry, …) and to the
/// outermost part of the platform on its stack (an API handler, an entity grain, the storage, an
/// index, the flag engine, the live feed). Stacks are per continuation — an await starts a new one — so
/// the second view names the part that resumed, not the whole causal chain.
/// </summary>
public static class CpuBreakdown
{
    /// <summary>The machinery a frame belongs to, by its module!namespace; the first that matches wins.</summary>
    private static readonly (string Label, string[] Prefixes)[] Machinery =
    [
        ("JSON (System.Text.Json)", ["System.Text.Json!"]),
        ("SQLite", ["Microsoft.Data.Sqlite!", "SQLitePCLRaw", "e_sqlite3"]),
        ("geometry (NetTopologySuite)", ["NetTopologySuite"]),
        ("Orleans serialization", ["Orleans.Serialization!"]),
        ("Orleans messaging and scheduling", ["Orleans.Runtime!", "Orleans.Core!", "Orleans.Core.Abstractions!"]),
        ("SignalR", ["Microsoft.AspNetCore.SignalR", "Microsoft.AspNetCore.Http.Connections"]),
        ("Kestrel, routing, auth", ["Microsoft.AspNetCore.", "Microsoft.IdentityModel", "System.IdentityModel"]),
        ("sockets", ["System.Net.Sockets!", "System.Net.Primitives!"]),
        ("logging and metrics", ["Microsoft.Extensions.Logging", "OpenTelemetry", "System.Diagnostics.DiagnosticSource!"]),
        // A worker that finishes spins a while before it sleeps, and every hand-off may wake one.
        ("thread pool: waking and spinning workers", ["System.Private.CoreLib!System.Threading.LowLevelLifoSemaphore",
            "System.Private.CoreLib!System.Threading.PortableThreadPool+WorkerThread.MaybeAddWorkingWorker"]),
    ];

    /// <summary>The platform's own parts, by namespace; the outermost frame that matches names the part.</summary>
    private static readonly (string Label, string Namespace)[] Parts =
    [
        ("API (handlers, input checks)", "Situation.Server.Api"),
        ("auth", "Situation.Server.Auth"),
        ("live feed and backplane", "Situation.Server.Live"),
        ("entity grains", "Situation.Grains.Entities"),
        ("index grains", "Situation.Grains.ReadSide"),
        ("flag engine", "Situation.Grains.Flags"),
        ("storage and audit", "Situation.Storage"),
        ("contracts (views, JSON shapes)", "Situation.Contracts"),
    ];

    public static int Report(string speedscopePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(speedscopePath));
        var frames = document.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "").ToArray();
        var machinery = frames.Select(Classify).ToArray();
        var part = frames.Select(PartOf).ToArray();
        var cpu = Array.IndexOf(frames, "CPU_TIME");

        var byMachinery = new Dictionary<string, double>();
        var byPart = new Dictionary<string, double>();
        double total = 0;
        foreach (var profile in document.RootElement.GetProperty("profiles").EnumerateArray())
        {
            var stack = new List<int>();
            double? last = null;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is { } from && at > from && stack.Count > 0 && stack[^1] == cpu)
                {
                    var spent = at - from;
                    total += spent;
                    var managed = stack.Any(f => frames[f].Contains('!'));
                    Add(byMachinery, Innermost(stack, machinery)
                        ?? (managed ? "other managed code (runtime, collections, the platform's own logic)" : "native threads (GC, runtime)"), spent);
                    Add(byPart, Outermost(stack, part) ?? "outside the platform's code (runtime, GC, Kestrel I/O)", spent);
                }
                last = at;
                if (e.GetProperty("type").GetString() == "O")
                    stack.Add(e.GetProperty("frame").GetInt32());
                else if (stack.Count > 0)
                    stack.RemoveAt(stack.Count - 1);
            }
        }

        // Thread-time samples mark a thread running, not how busy its core was: the shares are what
        // to read, the total only says how many samples there were.
        Console.WriteLine($"samples of running threads: {total / 1000:F1} s of thread time");
        Print("by machinery (innermost frame)", byMachinery, total);
        Print("by part of the platform (outermost frame of a continuation)", byPart, total);
        return 0;
    }

    private static string? Classify(string frame)
    {
        foreach (var (label, prefixes) in Machinery)
            if (prefixes.Any(p => frame.StartsWith(p, StringComparison.Ordinal)))
                return label;
        return null;
    }

    private static string? PartOf(string frame)
    {
        var bang = frame.IndexOf('!');
        var name = bang >= 0 ? frame[(bang + 1)..] : frame;
        foreach (var (label, ns) in Parts)
            if (name.StartsWith(ns, StringComparison.Ordinal))
                return label;
        return null;
    }

    private static string? Innermost(List<int> stack, string?[] labels)
    {
        for (var i = stack.Count - 1; i >= 0; i--)
            if (labels[stack[i]] is { } label)
                return label;
        return null;
    }

    private static string? Outermost(List<int> stack, string?[] labels)
    {
        foreach (var frame in stack)
            if (labels[frame] is { } label)
                return label;
        return null;
    }

    private static void Add(Dictionary<string, double> totals, string key, double value) =>
        totals[key] = totals.GetValueOrDefault(key) + value;

    private static void Print(string title, Dictionary<string, double> totals, double total)
    {
        Console.WriteLine($"-- {title}");
        foreach (var (label, spent) in totals.OrderByDescending(p => p.Value))
            Console.WriteLine($"  {100 * spent / total,5:F1} %  {label}");
    }
}
