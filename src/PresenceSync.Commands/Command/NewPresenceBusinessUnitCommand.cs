using System.Management.Automation;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Units;

namespace PresenceSync.Commands.Command
{
    /// <summary>Creates a business unit: a separate set of agents, directory, mappings and rules, for example per tenant.</summary>
    [Cmdlet(VerbsCommon.New, "PresenceBusinessUnit", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceBusinessUnit))]
    public sealed class NewPresenceBusinessUnitCommand : PresenceSyncCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BusinessUnit")]
        public string Name { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        protected override void Process()
        {
            var unit = new BusinessUnitService(Context).New(Name, Description);
            if (unit != null) WriteObject(unit);
        }
    }
}
