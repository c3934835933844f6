using System.Collections.Concurrent;

namespace Situation.LoadTool;

/// <summary>A number for each entity id the clients receive, so that arrivals are kept as plain values.</summary>
public static class EntityNumbers
{
    private static readonly ConcurrentDictionary<string, int> Numbers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, string> Names = new();

    public static int Of(string id) => Numbers.TryGetValue(id, out var number) ? number : Add(id);

    public static string Name(int number) => Names[number];

    private static int Add(string id)
    {
        lock (Names)
        {
            if (Numbers.TryGetValue(id, out var number))
                return number;
            number = Names.Count;
            Names[number] = id;
            Numbers[id] = number;
            return number;
        }
    }
}
