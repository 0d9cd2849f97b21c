using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;

namespace PresenceSync.Commands.Command
{
    /// <summary>Remaps an agent to another Teams user. The mapping becomes manual, so auto-mapping never undoes it.</summary>
    [Cmdlet(VerbsCommon.Set, "PresenceUserMapping", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceUserMapping))]
    public sealed class SetPresenceUserMappingCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        /// <summary>The Teams user's object id, UPN, mail or smtp proxy address.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "Upn", "TeamsUserId")]
        [ArgumentCompleter(typeof(TeamsUserCompleter))]
        public string TeamsUser { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var mapping = new MappingService(Context).Set(BusinessUnit, AgentId, TeamsUser);
            if (mapping != null && PassThru) WriteObject(mapping);
        }
    }
}
