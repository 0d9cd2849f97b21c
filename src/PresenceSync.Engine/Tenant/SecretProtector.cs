using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// DPAPI for the current user on Windows. Other systems have no equivalent the module can rely
    /// on, so there a secret is simply not stored (see <see cref="SecretStorage"/>).
    /// </summary>
    internal static class SecretProtector
    {
        // Binds the ciphertext to this purpose so another DPAPI user on the machine cannot be fooled into decrypting it.
        private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("PresenceSync client secret v1");

        public static bool CanProtect => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static byte[] Protect(string secret)
        {
            if (!CanProtect) throw new PlatformNotSupportedException("DPAPI is only available on Windows.");
            return ProtectedData.Protect(Encoding.UTF8.GetBytes(secret), Entropy, DataProtectionScope.CurrentUser);
        }

        public static string Unprotect(byte[] protectedSecret) =>
            Encoding.UTF8.GetString(ProtectedData.Unprotect(protectedSecret, Entropy, DataProtectionScope.CurrentUser));
    }
}
