using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Identity.Client.Extensions.Msal;
using PresenceSync.Engine.Hosting;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Keeps secrets at rest the way each OS lets its user: DPAPI on Windows (the output stays in
    /// the store), the Keychain on macOS, the Secret Service keyring on Linux where one is
    /// reachable, and otherwise a file only the owner can read (0600 in a 0700 folder), with a
    /// warning, the trade-off the Azure CLI makes. The cross-platform storage of the MSAL extensions
    /// does the OS work. Each write goes to a new entry, so a process still holding the old
    /// reference keeps working until the old entry is deleted.
    /// </summary>
    internal static class SecretVault
    {
        /// <summary>Where the entries' files live (default: PresenceSync/secrets in the user's data folder).</summary>
        public const string PathVariable = "PRESENCESYNC_SECRET_PATH";

        /// <summary>"File" forces the owner-only file (for example for a service account that never has a keyring).</summary>
        public const string ModeVariable = "PRESENCESYNC_SECRET_STORE";

        private const string Service = "PresenceSync";
        private const string Schema = "org.presencesync.Secret";

        public static string Folder
        {
            get
            {
                var configured = Environment.GetEnvironmentVariable(PathVariable);
                if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured!.Trim());
                var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
                if (string.IsNullOrEmpty(root)) root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
                return Path.Combine(root, "PresenceSync", "secrets");
            }
        }

        /// <summary>The file an owner-only entry is kept in (so tests and admins can check its mode).</summary>
        public static string FileOf(string reference) => Path.Combine(Folder, reference + ".secret");

        /// <summary>Stores the secret and says where; <paramref name="what"/> names it in warnings ("the client secret of app X").</summary>
        public static StoredSecret Store(string secret, IHostContext host, string what)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return new StoredSecret(SecretStorage.Dpapi, SecretProtector.Protect(secret), null);
            var reference = Guid.NewGuid().ToString("N");
            var data = Encoding.UTF8.GetBytes(secret);
            var forceFile = string.Equals(Environment.GetEnvironmentVariable(ModeVariable), "File", StringComparison.OrdinalIgnoreCase);
            string? reason = forceFile ? $"{ModeVariable}=File" : null;
            if (!forceFile)
            {
                var kind = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? SecretStorage.Keychain : SecretStorage.Keyring;
                try
                {
                    var storage = Open(kind, reference);
                    storage.VerifyPersistence();
                    storage.WriteData(data);
                    if (Equal(storage.ReadData(), data)) return new StoredSecret(kind, null, reference);
                    reason = "the secret could not be read back";
                }
                catch (Exception ex) when (ex is MsalCachePersistenceException || ex is DllNotFoundException || ex is EntryPointNotFoundException
                                           || ex is InvalidOperationException || ex is IOException || ex is PlatformNotSupportedException)
                {
                    reason = ex.Message;
                }
            }
            try
            {
                var file = Open(SecretStorage.OwnerOnlyFile, reference);
                file.WriteData(data);
                if (!Equal(file.ReadData(), data)) throw new IOException($"The secret could not be written to {FileOf(reference)}.");
                host.WriteWarning($"No keyring is reachable ({FirstLine(reason)}), so {what} is kept in {FileOf(reference)}: readable only by you " +
                    "(mode 0600 in a folder of mode 0700) but not encrypted, the same trade-off the Azure CLI makes. " +
                    "For encryption at rest record it where a Keychain or Secret Service keyring is unlocked, or use a certificate or a managed identity.");
                return new StoredSecret(SecretStorage.OwnerOnlyFile, null, reference);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                host.WriteWarning($"{what} cannot be kept at rest on this system ({FirstLine(ex.Message)}), so it is kept for this session only. " +
                    "For scheduled runs set the environment variable, or use a certificate or a managed identity.");
                return new StoredSecret(SecretStorage.Session, null, null);
            }
        }

        /// <summary>The secret, or null when the entry is gone.</summary>
        public static string? Read(SecretStorage storage, byte[]? protectedSecret, string? reference)
        {
            switch (storage)
            {
                case SecretStorage.Dpapi:
                    return protectedSecret == null ? null : SecretProtector.Unprotect(protectedSecret);
                case SecretStorage.Keychain:
                case SecretStorage.Keyring:
                case SecretStorage.OwnerOnlyFile:
                    if (reference == null) return null;
                    var data = Open(storage, reference).ReadData();
                    return data.Length == 0 ? null : Encoding.UTF8.GetString(data);
                default:
                    return null;
            }
        }

        /// <summary>Deletes an entry; never fails (a missing entry is already deleted).</summary>
        public static void Delete(SecretStorage storage, string? reference)
        {
            if (reference == null || !(storage == SecretStorage.Keychain || storage == SecretStorage.Keyring || storage == SecretStorage.OwnerOnlyFile)) return;
            try
            {
                Open(storage, reference).Clear(ignoreExceptions: true);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Best effort: an entry left behind is the user's own, in the user's own keyring or folder.
            }
        }

        private static Storage Open(SecretStorage kind, string reference)
        {
            var builder = new StorageCreationPropertiesBuilder(reference + ".secret", UnixFolder.OwnerOnly(Folder));
            if (kind == SecretStorage.OwnerOnlyFile) builder = builder.WithUnprotectedFile();
            else if (kind == SecretStorage.Keychain) builder = builder.WithMacKeyChain(Service, reference);
            else
                builder = builder.WithLinuxKeyring(Schema, "default", "PresenceSync secret " + reference,
                    new KeyValuePair<string, string>("PresenceSync.Secret", reference), new KeyValuePair<string, string>("PresenceSync.Format", "1"));
            return Storage.Create(builder.Build());
        }

        private static bool Equal(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            var diff = 0;
            for (var i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        private static string FirstLine(string? text) => (text ?? "unknown").Split('\n')[0].Trim();
    }
}
