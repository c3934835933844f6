namespace Situation.Contracts.Model;

/// <summary>The entity types' contract words: the type of a change item, the prefix of a grain key. <see cref="Entities.EntityTable"/> describes each.</summary>
public static class EntityType
{
    public const string District = "district";
    public const string Zone = "zone";
    public const string Checkpoint = "checkpoint";
    public const string Site = "site";
    public const string Office = "office";
    public const string Route = "route";

    /// <summary>
    /// Grain keys carry the type as a prefix: the ADO.NET provider stores a key that parses as
    /// hexadecimal as an integer, so "020235" and "20235" would otherwise share a row.
    /// </summary>
    public static string GrainKey(string type, string id) => $"{type}/{id}";

    public static string IdFromGrainKey(string grainKey) => grainKey[(grainKey.IndexOf('/') + 1)..];

    public static string TypeFromGrainKey(string grainKey) => grainKey[..grainKey.IndexOf('/')];
}
