using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>
    /// Where a SIP password lives, as for the apps' client secrets: DPAPI for the current user on
    /// Windows (bound to its own purpose), elsewhere only in the session's memory, or read from an
    /// environment variable when the source starts. Never in the store in clear, never in output.
    /// </summary>
    internal static class SipPasswords
    {
        public const string Variable = "PRESENCESYNC_SIP_PASSWORD";

        private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("PresenceSync SIP password v1");

        public static bool CanProtect => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static string UnitVariable(string businessUnit) =>
            Variable + "_" + new string(businessUnit.ToUpperInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());

        /// <summary>The session key: business unit names cannot hold '|', so this never meets an app's secret.</summary>
        public static string SessionKey(string businessUnit) => businessUnit + "|sip";

        public static byte[] Protect(string password) =>
            ProtectedData.Protect(Encoding.UTF8.GetBytes(password), Entropy, DataProtectionScope.CurrentUser);

        /// <summary>The password of a recorded source, or null when it needs none; throws when it should have one and none is available.</summary>
        public static string? Resolve(string businessUnit, SipSourceRecord record, ISessionSecrets? secrets)
        {
            switch (record.PasswordStorage)
            {
                case SecretStorage.None:
                    return null;
                case SecretStorage.Dpapi when record.ProtectedPassword != null:
                    try
                    {
                        return Encoding.UTF8.GetString(ProtectedData.Unprotect(record.ProtectedPassword, Entropy, DataProtectionScope.CurrentUser));
                    }
                    catch (CryptographicException ex)
                    {
                        throw new PresenceSyncException(new EngineError(SipErrorIds.PasswordUnavailable, ErrorKind.AuthenticationError,
                            $"The SIP password of business unit '{businessUnit}' cannot be read by this Windows user: it was protected for another user or machine.",
                            businessUnit, "Give it again with Set-PresenceSipSource -Credential as the account that runs the sync."), ex);
                    }
                case SecretStorage.Session:
                    var held = secrets?.Get(SessionKey(businessUnit));
                    if (!string.IsNullOrEmpty(held)) return held;
                    break;
                default:
                    var fromEnvironment = Environment.GetEnvironmentVariable(UnitVariable(businessUnit)) ?? Environment.GetEnvironmentVariable(Variable);
                    if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
                    break;
            }
            throw new PresenceSyncException(new EngineError(SipErrorIds.PasswordUnavailable, ErrorKind.AuthenticationError,
                $"The SIP password of business unit '{businessUnit}' is not available in this session.", businessUnit,
                $"Give it with Set-PresenceSipSource -Credential (kept for this session on this system), or set $env:{UnitVariable(businessUnit)} or $env:{Variable} " +
                "and record the source with -PasswordFromEnvironment."));
        }
    }
}
