using System;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.TeamsDirectory;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists the stored Teams directory, by UPN or display name (wildcards) or by object id.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceTeamsUser", DefaultParameterSetName = "Name")]
    [OutputType(typeof(PresenceTeamsUser))]
    public sealed class GetPresenceTeamsUserCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ParameterSetName = "Name", ValueFromPipelineByPropertyName = true)]
        [Alias("Upn", "DisplayName")]
        [ArgumentCompleter(typeof(TeamsUserCompleter))]
        [SupportsWildcards]
        public string? UserPrincipalName { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("ObjectId", "TeamsUserId")]
        public Guid Id { get; set; }

        protected override void Process()
        {
            var id = ParameterSetName == "Id" ? Id : (Guid?)null;
            foreach (var user in new TeamsDirectoryService(Context).Get(BusinessUnit, UserPrincipalName, id)) WriteObject(user);
        }
    }
}
