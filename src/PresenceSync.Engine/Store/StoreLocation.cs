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

        /// <summary>A PostgreSQL connection string for runbooks and shared hosts (issue 11); it wins over PRESENCESYNC_STORE.</summary>
        public const string ConnectionEnvironmentVariable = "PRESENCESYNC_STORE_CONNECTION";

        /// <summary>
        /// The PostgreSQL store's connection string when the session set one or the environment has
        /// one; null means "a file" (see <see cref="Resolve"/>). The value may hold a password: callers
        /// show <see cref="PresenceStore.Path"/>, never this.
        /// </summary>
        public static (string ConnectionString, string Source)? ResolveConnection(string? sessionConnectionString)
        {
            if (!string.IsNullOrWhiteSpace(sessionConnectionString)) return (sessionConnectionString!, "Session");
            var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return (fromEnvironment!, "Environment");
            return null;
        }

        public static (string Path, string Source) Resolve(string? sessionPath)
        {
            if (!string.IsNullOrWhiteSpace(sessionPath)) return (Normalize(sessionPath!), "Session");
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return (Normalize(fromEnvironment!), "Environment");
            return (DefaultPath(), "Default");
        }

        /// <summary>True when the text is a PostgreSQL connection string (it names a Host), not a file path.</summary>
        public static bool IsConnectionString(string text) =>
            System.Text.RegularExpressions.Regex.IsMatch(text, @"(^|;)\s*(Host|Server)\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        /// <summary>A store from a file path or a PostgreSQL connection string (Copy-PresenceSyncStore's -From and -To).</summary>
        public static PresenceStore Open(string pathOrConnectionString) =>
            IsConnectionString(pathOrConnectionString) ? PresenceStore.FromConnectionString(pathOrConnectionString) : new PresenceStore(Normalize(pathOrConnectionString));

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
