using System;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>A business unit's SIP source as stored (see V008SipSources).</summary>
    internal sealed class SipSourceRecord
    {
        public string Registrar { get; set; } = "";
        public SipTransport Transport { get; set; }
        public string? Domain { get; set; }
        public string UserName { get; set; } = "presencesync";
        public SecretStorage PasswordStorage { get; set; }

        /// <summary>DPAPI output on Windows; never clear text.</summary>
        public byte[]? ProtectedPassword { get; set; }
        public string StateMapJson { get; set; } = "";
        public int Expires { get; set; } = 600;
        public string? ResourceList { get; set; }
        public string? LocalAddress { get; set; }
        public int LocalPort { get; set; }
        public DateTime CreatedUtc { get; set; }
        public DateTime UpdatedUtc { get; set; }
    }
}
