using System.Globalization;
using System.Text;
using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Geography;

namespace Situation.Server.Api.Exports;

/// <summary>
/// <c>GET /api/exports/{layer}.{format}</c>: any map layer (or flags, or the whole situation) as a
/// file a GIS, a spreadsheet or Google Earth opens — GeoJSON, CSV with WKT, KML, GeoPackage —
/// optionally of one district, named for what it holds and when, in plain ASCII.
/// </summary>
public static class ExportsApi
{
    public const string WholeSituation = "situation";

    public static readonly Vocabulary Layers = new("ExportLayer",
        [.. EntityTable.All.Select(e => e.Section), ExportLayer.FlagsName, WholeSituation]);

    private static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>
    {
        ["geojson"] = GeoJsonAnswers.MediaType,
        ["csv"] = "text/csv; charset=utf-8",
        ["kml"] = "application/vnd.google-earth.kml+xml",
        ["gpkg"] = "application/geopackage+sqlite3",
    };

    public static readonly Vocabulary Formats = new("ExportFormat", [.. MediaTypes.Keys]);

    public static void MapExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/exports/{layer}.{format}", Export)
            .WithTags("Exports")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), MediaTypes.Values.First().Split(';')[0], [.. MediaTypes.Values.Skip(1).Select(m => m.Split(';')[0])])
            .WithName("Export")
            .WithSummary($"A layer ({Layers}) as a file: {Formats}; ?district= for one district");
    }

    private static async Task<IResult> Export([Words("ExportLayer")] string layer, [Words("ExportFormat")] string format, string? district, HttpContext context,
        SituationReader reader, IGrainFactory grains, ProvinceGeography geography, Check check, TimeProvider clock)
    {
        check.Word("layer", layer, Layers);
        check.Word("format", format, Formats);
        if (check.Id("district", district, required: false) is { } named && !geography.HasDistrict(named))
            return Problems.NotFound(EntityType.District, named);
        if (check.Problem is { } invalid) return invalid;

        var layers = await Read(layer, district, reader, grains);
        var name = FileName(layer, district, geography, clock.GetUtcNow(), format);
        var title = district is null ? $"Situation: {layer}" : $"Situation: {layer}, {geography.NameOf(district)}";
        // Written to a file of its own, then sent from it: a province's sites as KML are a quarter of
        // a gigabyte, which the node should not hold in memory (twice) while a client downloads them.
        var path = Path.Combine(Path.GetTempPath(), $"situation-export-{Guid.NewGuid():N}.{format}");
        try
        {
            if (format == "gpkg")
            {
                await GeoPackageExport.Write(layers, path, context.RequestAborted);
            }
            else
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
                switch (format)
                {
                    case "geojson": GeoJsonExport.Write(file, layers); break;
                    case "csv": CsvExport.Write(file, layers); break;
                    default: KmlExport.Write(file, title, layers); break;
                }
            }
            // The file goes when the answer is sent (or the client leaves).
            var sent = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return TypedResults.Stream(sent, MediaTypes[format], name);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static async Task<IReadOnlyList<ExportLayer>> Read(string layer, string? district, SituationReader reader, IGrainFactory grains)
    {
        var entities = layer == WholeSituation ? EntityTable.All : EntityTable.All.Where(e => e.Section == layer).ToList();
        var layers = new List<ExportLayer>();
        foreach (var entity in entities)
            layers.Add(ExportLayer.Of(entity, await reader.List(entity.Type, district)));
        if (layer is WholeSituation or ExportLayer.FlagsName)
        {
            var flags = await OpenFlags.List(grains, district, null);
            layers.Add(ExportLayer.OfFlags(flags, await FlagFeatures.Subjects(reader, flags)));
        }
        return layers;
    }

    /// <summary>
    /// situation-sites-622-pleiku-20261203-1340Z.gpkg (situation-622-… for the whole situation): the
    /// district's name without its diacritics (đ as d), so that every browser, mail client and file
    /// system keeps it as it is.
    /// </summary>
    public static string FileName(string layer, string? district, ProvinceGeography geography, DateTimeOffset at, string format)
    {
        var what = layer == WholeSituation ? "" : "-" + layer;
        var where = district is null ? "" : $"-{district}-{Slug(geography.NameOf(district))}";
        return $"situation{what}{where}-{at.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}Z.{format}";
    }

    public static string Slug(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        return string.Join('-', plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
