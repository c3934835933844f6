using System.Diagnostics;

namespace Situation.Tests.Infrastructure;

internal static class Posix
{
    /// <summary>A graceful stop request (SIGTERM), as systemd or Ctrl+C would send it.</summary>
    public static void Terminate(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -TERM {pid} failed with exit code {kill.ExitCode}");
    }
}
