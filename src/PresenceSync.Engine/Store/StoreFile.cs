using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// The store file readable by its owner only. SQLite would create it 0644 (less the umask),
    /// and gives its -wal and -shm files the mode of the database file, so the file is created
    /// here empty with 0600 before SQLite writes a byte; a store made by an older version is
    /// tightened when opened. netstandard2.0 has no File.SetUnixFileMode, hence chmod(2).
    /// </summary>
    internal static class StoreFile
    {
        private static readonly int OwnerReadWrite = Convert.ToInt32("600", 8);

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        private static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Creates the file (empty, owner only) if it is not there, and makes it and its companions owner only.</summary>
        public static void PrepareOwnerOnly(string path)
        {
            if (!File.Exists(path))
            {
                try
                {
                    using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite)) { }
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another process created it a moment ago; it makes it owner only too.
                }
            }
            if (!IsUnix) return;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                // A store shared on purpose by another account keeps working: tightening is best effort
                // for files this account does not own, but never silent for a new store.
                if (File.Exists(file) && Chmod(file, OwnerReadWrite) != 0 && file == path && new FileInfo(path).Length == 0)
                    throw new IOException($"Could not make '{path}' readable by its owner only (chmod failed with error {Marshal.GetLastWin32Error()}).");
            }
        }
    }
}
