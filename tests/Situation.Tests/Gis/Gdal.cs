using System.Text.RegularExpressions;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Gis;

/// <summary>GDAL's own command-line tools (Debian's gdal-bin), as QGIS reads what the platform serves.</summary>
public static partial class Gdal
{
    /// <summary>A layer as <c>ogrinfo -so</c> summarises it.</summary>
    public sealed record Layer(string Name, string Geometry, int Features, IReadOnlyDictionary<string, string> Fields);

    /// <summary>Every layer of a file or URL; a URL is fetched with the bearer token given.</summary>
    public static async Task<IReadOnlyList<Layer>> Info(string source, string? token = null)
    {
        var environment = token is null ? null : new Dictionary<string, string> { ["GDAL_HTTP_HEADERS"] = $"Authorization: Bearer {token}" };
        var run = await Tool.Run("ogrinfo", ["-ro", "-so", "-al", source], environment: environment);
        if (run.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"ogrinfo {source} exited {run.ExitCode}:\n{run.Said}");
        return Parse(run.Output);
    }

    public static async Task Translate(params string[] arguments)
    {
        var run = await Tool.Run("ogr2ogr", arguments);
        if (run.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"ogr2ogr {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Said}");
    }

    private static List<Layer> Parse(string output)
    {
        var layers = new List<Layer>();
        foreach (var block in output.Split("Layer name: ").Skip(1))
        {
            var lines = block.Split('\n');
            var fields = lines.Select(l => FieldLine().Match(l)).Where(m => m.Success)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
            layers.Add(new Layer(
                lines[0].Trim(),
                lines.FirstOrDefault(l => l.StartsWith("Geometry: "))?["Geometry: ".Length..].Trim() ?? "None",
                int.Parse(lines.First(l => l.StartsWith("Feature Count: "))["Feature Count: ".Length..].Trim()),
                fields));
        }
        return layers;
    }

    /// <summary>"name: Type (width.precision)", as ogrinfo lists a field.</summary>
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9_]*): ([A-Za-z0-9() ]+?) \(\d+\.\d+\)\s*$")]
    private static partial Regex FieldLine();
}
