using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Command
{
    /// <summary>Shows the SIP source of a business unit, or of every unit that has one. The password is never shown, only where it is kept.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceSipSource")]
    [OutputType(typeof(PresenceSipSource))]
    public sealed class GetPresenceSipSourceCommand : PresenceSyncCmdlet
    {
        /// <summary>The unit; omitted, every unit's source is listed.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SipSourceUnitCompleter))]
        public string? BusinessUnit { get; set; }

        protected override void Process()
        {
            var service = new SipSourceService(Context);
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(BusinessUnit)))
            {
                foreach (var source in service.GetAll()) WriteObject(source);
                return;
            }
            var one = service.Get(BusinessUnit);
            if (one != null) WriteObject(one);
        }
    }
}
