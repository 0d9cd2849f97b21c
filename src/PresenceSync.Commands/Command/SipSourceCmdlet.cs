using System;
using System.Collections;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Command
{
    /// <summary>The parameters New- and Set-PresenceSipSource share, mapped to one request.</summary>
    public abstract class SipSourceCmdlet : BusinessUnitCmdlet
    {
        /// <summary>Over which transport the PBX is reached; default UDP, or what the registrar URI's transport parameter says.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SipTransport? Transport { get; set; }

        /// <summary>The domain of the extensions' URIs (sip:101@domain); default the registrar's host.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Domain { get; set; }

        /// <summary>User name and password for digest authentication (RFC 3261 section 22).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Keep no password: read PRESENCESYNC_SIP_PASSWORD_&lt;UNIT&gt; or PRESENCESYNC_SIP_PASSWORD when the sync starts.</summary>
        [Parameter]
        public SwitchParameter PasswordFromEnvironment { get; set; }

        /// <summary>The user name the source subscribes as when no -Credential is given (default presencesync).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? UserName { get; set; }

        /// <summary>Line state to ACD state: keys Idle, Dialing, Ringing, OnCall; an empty value sends no event for that line state.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.LineStateMapCompleter))]
        public Hashtable? StateMap { get; set; }

        /// <summary>Subscription duration to ask for, in seconds (60 to 86400; default 600).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(60, 86400)]
        public int? Expires { get; set; }

        /// <summary>Subscribe to this RFC 4662 resource list instead of to each extension.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ResourceList { get; set; }

        /// <summary>The address this machine is reached at by the PBX (the Contact); default the one that routes to the registrar.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? LocalAddress { get; set; }

        /// <summary>The local port to listen on; 0 (default) picks a free one.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 65535)]
        public int? LocalPort { get; set; }

        protected SipSourceRequest Request(string? registrar)
        {
            if (Credential != null && PasswordFromEnvironment)
                throw new PSArgumentException("Give either -Credential or -PasswordFromEnvironment, not both.");
            return new SipSourceRequest
            {
                Registrar = registrar,
                Transport = Transport,
                Domain = Domain,
                UserName = Credential?.UserName ?? UserName,
                Password = Credential != null ? SecureStrings.ToPlain(Credential.Password) : null,
                PasswordFromEnvironment = PasswordFromEnvironment,
                StateMap = StateMap,
                Expires = Expires,
                ResourceList = string.IsNullOrEmpty(ResourceList) ? null : ResourceList,
                ClearResourceList = ResourceList != null && ResourceList.Length == 0,
                LocalAddress = LocalAddress,
                LocalPort = LocalPort,
            };
        }
    }
}
