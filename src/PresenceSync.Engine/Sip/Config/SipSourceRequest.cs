using System.Collections;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>What New- and Set-PresenceSipSource ask for; null means "not given" (Set keeps what is stored).</summary>
    public sealed class SipSourceRequest
    {
        public string? Registrar { get; set; }
        public SipTransport? Transport { get; set; }
        public string? Domain { get; set; }
        public string? UserName { get; set; }

        /// <summary>The digest password; kept DPAPI-protected on Windows, else for the session only.</summary>
        public string? Password { get; set; }

        /// <summary>Keep no password: read PRESENCESYNC_SIP_PASSWORD_&lt;UNIT&gt; or PRESENCESYNC_SIP_PASSWORD when the source starts.</summary>
        public bool PasswordFromEnvironment { get; set; }

        /// <summary>The PBX does not challenge: forget any password.</summary>
        public bool NoPassword { get; set; }

        public IDictionary? StateMap { get; set; }
        public int? Expires { get; set; }
        public string? ResourceList { get; set; }

        /// <summary>Set: an empty string clears the resource list (back to one subscription per extension).</summary>
        public bool ClearResourceList { get; set; }
        public string? LocalAddress { get; set; }
        public int? LocalPort { get; set; }
    }
}
