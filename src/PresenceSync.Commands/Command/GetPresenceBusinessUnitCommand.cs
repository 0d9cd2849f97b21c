using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Units;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists business units with how many agents, Teams users and rules each holds.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceBusinessUnit")]
    [OutputType(typeof(PresenceBusinessUnit))]
    public sealed class GetPresenceBusinessUnitCommand : PresenceSyncCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BusinessUnit")]
        [ArgumentCompleter(typeof(BusinessUnitCompleter))]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void Process()
        {
            foreach (var unit in new BusinessUnitService(Context).Get(Name)) WriteObject(unit);
        }
    }
}
