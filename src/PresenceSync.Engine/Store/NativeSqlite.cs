using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// Loads the bundled e_sqlite3 native library from the module folder before SQLitePCLRaw asks
    /// for it by bare name. A module is not an application: neither Windows PowerShell nor
    /// PowerShell 7 looks in the module's runtimes/&lt;rid&gt;/native folder, so without this the
    /// first Import-Module on a clean machine fails with DllNotFoundException. Once the library is
    /// loaded by full path, the OS loader hands the same library to the later load by name.
    /// </summary>
    internal static class NativeSqlite
    {
        private static readonly object Gate = new object();
        private static bool _done;

        public static void EnsureLoaded()
        {
            lock (Gate)
            {
                if (_done) return;
                _done = true;
                var path = LocateBundledLibrary();
                if (path != null) Load(path);
            }
        }

        internal static string? LocateBundledLibrary()
        {
            var baseDir = Path.GetDirectoryName(typeof(NativeSqlite).GetTypeInfo().Assembly.Location);
            if (string.IsNullOrEmpty(baseDir)) return null;
            var candidate = Path.Combine(baseDir, "runtimes", RuntimeId(), "native", FileName());
            return File.Exists(candidate) ? candidate : null;
        }

        internal static string RuntimeId()
        {
            var arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X86 => "x86",
                Architecture.Arm64 => "arm64",
                Architecture.Arm => "arm",
                _ => "x64",
            };
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "win-" + arch;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "osx-" + arch;
            return (IsMusl() ? "linux-musl-" : "linux-") + arch;
        }

        private static string FileName()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "e_sqlite3.dll";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "libe_sqlite3.dylib";
            return "libe_sqlite3.so";
        }

        private static bool IsMusl() =>
            File.Exists("/etc/alpine-release") || File.Exists("/lib/ld-musl-x86_64.so.1") || File.Exists("/lib/ld-musl-aarch64.so.1");

        private static void Load(string path)
        {
            // A failure here is not fatal: the runtime may still find the library its own way,
            // and if it cannot, Microsoft.Data.Sqlite reports that clearly on first open.
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) LoadLibraryW(path);
                else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) DlopenMac(path, RtldNow | RtldGlobal);
                else DlopenLinux(path, RtldNow | RtldGlobal);
            }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }

        private const int RtldNow = 2;
        private const int RtldGlobal = 0x100;

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);

        [DllImport("libdl.so.2", EntryPoint = "dlopen")]
        private static extern IntPtr DlopenLinux(string path, int flags);

        [DllImport("/usr/lib/libSystem.dylib", EntryPoint = "dlopen")]
        private static extern IntPtr DlopenMac(string path, int flags);
    }
}
