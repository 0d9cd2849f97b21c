using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// A folder only its owner may enter (0700) on Linux and macOS. netstandard2.0 has no
    /// File.SetUnixFileMode, so this calls chmod(2) as the MSAL extensions do for their files.
    /// </summary>
    internal static class UnixFolder
    {
        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        public static string OwnerOnly(string path)
        {
            Directory.CreateDirectory(path);
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Chmod(path, Convert.ToInt32("700", 8)) != 0)
                throw new IOException($"Could not make '{path}' private to its owner (chmod failed with error {Marshal.GetLastWin32Error()}).");
            return path;
        }
    }
}
