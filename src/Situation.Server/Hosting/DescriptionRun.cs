using System.Reflection;

namespace Situation.Server.Hosting;

/// <summary>
/// The server's build runs the application once to write the API's description for the dashboard's
/// build (Microsoft.Extensions.ApiDescription.Server's GetDocument tool, which starts the host with
/// a server that listens nowhere). That run must describe the API and do nothing else: no silo, no
/// demo province, no database or signing key in the project folder.
/// </summary>
public static class DescriptionRun
{
    public static bool IsActive { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>A throw-away data folder for the run, removed when it ends.</summary>
    public static string ScratchDataDir()
    {
        var dir = Directory.CreateTempSubdirectory("situation-description-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* a file still open as the process ends; the folder is temporary */ }
        };
        return dir;
    }

    /// <summary>Leaves the web host as the only hosted service: what describes the endpoints, and nothing that works.</summary>
    public static void KeepOnlyTheWebHost(IServiceCollection services)
    {
        var others = services.Where(s => s.ServiceType == typeof(IHostedService)
                                         && s.ImplementationType?.FullName != "Microsoft.AspNetCore.Hosting.GenericWebHostService").ToList();
        foreach (var service in others)
            services.Remove(service);
    }
}
