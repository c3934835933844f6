using System.Text.Json;
using Situation.Contracts.Reports;

namespace Situation.Server.Sitreps;

/// <summary>A kept report with its figures read back.</summary>
public sealed record StoredSitrep(string Id, long Number, DateTimeOffset GeneratedAt, string GeneratedBy, bool Scheduled, SitrepFigures Figures)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(SitrepFigures figures) => JsonSerializer.Serialize(figures, Json);

    public static StoredSitrep Of(SitrepRecord record) =>
        new(record.Id, record.Number, record.GeneratedAt, record.GeneratedBy, record.Scheduled, JsonSerializer.Deserialize<SitrepFigures>(record.Figures, Json)!);
}
