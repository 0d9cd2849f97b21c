using System;
using System.IO;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>Finds the repository and the built module folder from the test's own location.</summary>
    public static class ModulePaths
    {
        public static string RepoRoot { get; } = FindRepoRoot();

        public static string ModuleFolder => Path.Combine(RepoRoot, "out", "PresenceSync");

        public static string Manifest => Path.Combine(ModuleFolder, "PresenceSync.psd1");

        private static string FindRepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PresenceSync.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("PresenceSync.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
