using System.Management.Automation;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Command
{
    /// <summary>Changes a unit's SIP source: the registrar, transport, credential, state map or subscription settings. What is not given stays.</summary>
    [Cmdlet(VerbsCommon.Set, "PresenceSipSource", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceSipSource))]
    public sealed class SetPresenceSipSourceCommand : SipSourceCmdlet
    {
        /// <summary>A new registrar address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Registrar { get; set; }

        /// <summary>The PBX no longer challenges: forget the password.</summary>
        [Parameter]
        public SwitchParameter NoPassword { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var request = Request(Registrar);
            request.NoPassword = NoPassword;
            var source = new SipSourceService(Context).Set(BusinessUnit, request);
            if (source != null && PassThru) WriteObject(source);
        }
    }
}
