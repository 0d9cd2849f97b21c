using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Maps ACD agents to Teams users: -Auto matches every unmapped agent's e-mail to a UPN, mail
    /// or smtp proxy address and reports (never guesses) ambiguous matches; -AgentId with
    /// -TeamsUser maps one agent by hand. -WhatIf lists what would be mapped and changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "PresenceUserMapping", SupportsShouldProcess = true, DefaultParameterSetName = "Manual")]
    [OutputType(typeof(PresenceUserMapping))]
    public sealed class AddPresenceUserMappingCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = "Auto")]
        public SwitchParameter Auto { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Manual", ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        /// <summary>The Teams user's object id, UPN, mail or smtp proxy address.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = "Manual", ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "Upn", "TeamsUserId")]
        [ArgumentCompleter(typeof(TeamsUserCompleter))]
        public string TeamsUser { get; set; } = string.Empty;

        protected override void Process()
        {
            if (Auto)
            {
                foreach (var mapping in new AutoMapper(Context).Run(BusinessUnit)) WriteObject(mapping);
                return;
            }
            var made = new MappingService(Context).Add(BusinessUnit, AgentId, TeamsUser);
            if (made != null) WriteObject(made);
        }
    }
}
