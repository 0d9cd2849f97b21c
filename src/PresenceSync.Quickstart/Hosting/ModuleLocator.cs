using System;
using System.IO;

namespace PresenceSync.Quickstart.Hosting
{
    /// <summary>Finds the built module: out/PresenceSync under the repository this program was built in.</summary>
    internal static class ModuleLocator
    {
        public static string? FindManifest()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null)
            {
                var manifest = Path.Combine(dir.FullName, "out", "PresenceSync", "PresenceSync.psd1");
                if (File.Exists(manifest)) return manifest;
                dir = dir.Parent;
            }
            return null;
        }
    }
}
