using System;
using System.IO;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// Decides which store file a session uses: the session setting (Set-PresenceSyncStore) first,
    /// then PRESENCESYNC_STORE, then a per-user default that each OS keeps in its own place
    /// (%LOCALAPPDATA% on Windows, ~/.local/share on Linux, ~/Library/Application Support on macOS).
    /// </summary>
    public static class StoreLocation
    {
        public const string EnvironmentVariable = "PRESENCESYNC_STORE";
        public const string FileName = "presencesync.db";

        public static (string Path, string Source) Resolve(string? sessionPath)
        {
            if (!string.IsNullOrWhiteSpace(sessionPath)) return (Normalize(sessionPath!), "Session");
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return (Normalize(fromEnvironment!), "Environment");
            return (DefaultPath(), "Default");
        }

        public static string DefaultPath()
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root))
            {
                // No profile folder (some service accounts): fall back to the home directory.
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return Path.Combine(root, "PresenceSync", FileName);
        }

        /// <summary>A folder means "the store file inside it"; relative paths are made absolute.</summary>
        public static string Normalize(string path)
        {
            var full = Path.GetFullPath(path.Trim());
            return Directory.Exists(full) ? Path.Combine(full, FileName) : full;
        }
    }
}
