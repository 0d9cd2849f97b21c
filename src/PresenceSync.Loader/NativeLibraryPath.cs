using System.IO;
using System.Runtime.InteropServices;

namespace PresenceSync.Loader
{
    /// <summary>
    /// Finds a native library the module carries (the SQLite engine, e_sqlite3) in
    /// bin/runtimes/&lt;rid&gt;/native, the layout NuGet packages use. Neither PowerShell nor .NET
    /// looks there for a module.
    /// </summary>
    internal static class NativeLibraryPath
    {
        public static string? Find(string folder, string name)
        {
            foreach (var rid in new[] { RuntimeInformation.RuntimeIdentifier, PortableRid() })
            {
                var native = Path.Combine(folder, "runtimes", rid, "native");
                foreach (var file in Candidates(name))
                {
                    var path = Path.Combine(native, file);
                    if (File.Exists(path)) return path;
                }
            }
            return null;
        }

        /// <summary>
        /// The portable id (linux-x64, osx-arm64 ...): a runtime built by a Linux distribution
        /// reports its own (ubuntu.24.04-x64), for which no package has a folder.
        /// </summary>
        private static string PortableRid()
        {
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "win-" + arch;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "osx-" + arch;
            return (RuntimeInformation.RuntimeIdentifier.Contains("musl") ? "linux-musl-" : "linux-") + arch;
        }

        private static string[] Candidates(string name)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return new[] { name, name + ".dll" };
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return new[] { name, "lib" + name + ".dylib", name + ".dylib" };
            return new[] { name, "lib" + name + ".so", name + ".so" };
        }
    }
}
