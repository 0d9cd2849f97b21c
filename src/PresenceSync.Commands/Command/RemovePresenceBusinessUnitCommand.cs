using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Units;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes a business unit; one that still holds anything only with -Force.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceBusinessUnit", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceBusinessUnitCommand : PresenceSyncCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BusinessUnit")]
        [ArgumentCompleter(typeof(BusinessUnitCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>Remove the unit with all its agents, Teams users, mappings, rules and assignments.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process() => new BusinessUnitService(Context).Remove(Name, Force);
    }
}
