using Situation.LoadTool;

// `--cpu-breakdown <trace.speedscope.json>`: where a profiled process's CPU went (scripts/bench/profile.sh).
if (args is ["--cpu-breakdown", var trace])
    return CpuBreakdown.Report(trace);

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

// `--baseline --idle <seconds>`: only host the bare baseline, doing nothing, so that a script can
// measure an idle ASP.NET Core + SignalR process beside the idle platform (scripts/bench/idle.sh).
if (options.Baseline && Array.IndexOf(args, "--idle") is >= 0 and var idle && idle + 1 < args.Length && int.TryParse(args[idle + 1], out var idleSeconds))
{
    await using var idleBaseline = await BaselineServer.Start();
    Console.WriteLine($"baseline idle at {idleBaseline.Url} for {idleSeconds} s");
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
    return 0;
}

await using var baseline = options.Baseline ? await BaselineServer.Start() : null;
var target = new Uri(baseline?.Url ?? options.Url!);
var result = await LoadRun.Execute(target, options);
Console.WriteLine(result.Describe(options.Baseline ? "baseline (bare forwarding endpoint)" : $"platform {target}"));
return result.Complete ? 0 : 1;
