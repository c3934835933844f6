using Situation.LoadTool;

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

await using var baseline = options.Baseline ? await BaselineServer.Start() : null;
var target = new Uri(baseline?.Url ?? options.Url!);
var result = await LoadRun.Execute(target, options);
Console.WriteLine(result.Describe(options.Baseline ? "baseline (bare forwarding endpoint)" : $"platform {target}"));
return result.Complete ? 0 : 1;
