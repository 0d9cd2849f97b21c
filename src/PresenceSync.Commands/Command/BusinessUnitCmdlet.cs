using System.Management.Automation;
using PresenceSync.Commands.Completion;

namespace PresenceSync.Commands.Command
{
    /// <summary>A cmdlet that works inside one business unit (Default unless named).</summary>
    public abstract class BusinessUnitCmdlet : PresenceSyncCmdlet
    {
        /// <summary>
        /// The business unit to work in; objects from other PresenceSync cmdlets carry theirs down
        /// the pipeline. Empty (an empty CSV cell) means the Default unit.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(BusinessUnitCompleter))]
        [AllowEmptyString, AllowNull]
        public string? BusinessUnit { get; set; }
    }
}
