using System.Management.Automation;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Records the SIP PBX of a business unit: Start-PresenceSync then subscribes to the dialog
    /// state of every mapped agent's extension there and turns calls into ACD events.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PresenceSipSource", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceSipSource))]
    public sealed class NewPresenceSipSourceCommand : SipSourceCmdlet
    {
        /// <summary>The PBX's registrar: sip:pbx.example:5060, or pbx.example:5060.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? Registrar { get; set; }

        /// <summary>Replace the unit's current SIP source.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            var source = new SipSourceService(Context).Record(BusinessUnit, Request(Registrar), Force);
            if (source != null) WriteObject(source);
        }
    }
}
