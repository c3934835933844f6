using System.Diagnostics;

namespace Situation.Tests.Infrastructure;

/// <summary>
/// A third-party tool a test checks the platform with (promtool, Redocly's linter, Node.js), run to
/// its end within a bound: what it printed and how it exited.
/// </summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public string Said => Errors + Output;
    }

    public static async Task<Result> Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? input = null,
        IReadOnlyDictionary<string, string>? environment = null, int boundSeconds = 60)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start: scripts/test.sh installs it");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(boundSeconds));
        await process.WaitForExitAsync(bound.Token);
        return new Result(process.ExitCode, await output, await errors);
    }
}
