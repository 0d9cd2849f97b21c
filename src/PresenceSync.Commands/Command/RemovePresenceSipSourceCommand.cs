using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Command
{
    /// <summary>Forgets a unit's SIP source and its stored password; the next Start-PresenceSync no longer subscribes to that PBX.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceSipSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceSipSourceCommand : PresenceSyncCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SipSourceUnitCompleter))]
        [AllowEmptyString, AllowNull]
        public string? BusinessUnit { get; set; }

        protected override void Process() => new SipSourceService(Context).Remove(BusinessUnit);
    }
}
