using System.Text.Json;
using Situation.Contracts.Entities;
using Situation.Contracts.Views;

namespace Situation.Server.Api.Json;

/// <summary>
/// Open flags as a GeoJSON FeatureCollection, each located where its subject is (a site's point, a
/// zone's or district's area, a route's path), its properties the flag as <c>/api/flags</c> lists it,
/// so that a GIS can lay the flags over its own maps.
/// </summary>
public static class FlagFeatures
{
    /// <summary>
    /// The geometry of every flag's subject, read with one list per subject type. A subject that is
    /// not on the map (an obligation of the directives) is located at its flag's district, if any.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Type, string Id), object>> Subjects(SituationReader reader, IEnumerable<FlagView> flags)
    {
        var located = new Dictionary<(string, string), object>();
        var offMap = flags.Where(f => EntityTable.Find(f.Subject.Type) is null && f.DistrictId is not null).ToList();
        if (offMap.Count > 0)
        {
            var districts = (await reader.List(Contracts.Model.EntityType.District)).ToDictionary(d => d.Id, d => d.Geometry, StringComparer.Ordinal);
            foreach (var flag in offMap)
                if (districts.TryGetValue(flag.DistrictId!, out var area))
                    located[(flag.Subject.Type, flag.Subject.Id)] = area;
        }
        foreach (var group in flags.GroupBy(f => f.Subject.Type).Where(g => EntityTable.Find(g.Key) is not null))
        {
            var wanted = group.Select(f => f.Subject.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var view in await reader.List(group.Key))
                if (wanted.Contains(view.Id))
                    located[(group.Key, view.Id)] = view.Geometry;
        }
        return located;
    }

    public static Task Write(JsonStream stream, IEnumerable<FlagView> flags, IReadOnlyDictionary<(string Type, string Id), object> subjects) =>
        FeatureCollections.Write(stream, flags, (writer, flag) =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", flag.Id);
            writer.WritePropertyName("geometry");
            // The subject may be gone between the two reads: the feature is then unlocated.
            FeatureCollections.WriteGeometry(writer, subjects.GetValueOrDefault((flag.Subject.Type, flag.Subject.Id)));
            writer.WritePropertyName("properties");
            JsonSerializer.Serialize(writer, flag, ApiJson.Options);
            writer.WriteEndObject();
        });
}
