using System.IO;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>The machine's 1-minute load average (Linux), printed next to figures the other engineers' work disturbs.</summary>
    internal static class Load
    {
        public static string Now()
        {
            try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
            catch (IOException) { return "?"; }
            catch (System.UnauthorizedAccessException) { return "?"; }
        }
    }
}
