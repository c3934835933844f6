using System.Diagnostics;

namespace Situation.Tests.Infrastructure;

internal static class Posix
{
    /// <summary>A graceful stop request (SIGTERM), as systemd or Ctrl+C would send it.</summary>
    public static void Terminate(int pid) => Signal("TERM", pid);

    /// <summary>Sends a signal by name (TERM, STOP, CONT, …) with kill(1).</summary>
    public static void Signal(string name, int pid)
    {
        using var kill = Process.Start("kill", [$"-{name}", pid.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{name} {pid} failed with exit code {kill.ExitCode}");
    }
}
