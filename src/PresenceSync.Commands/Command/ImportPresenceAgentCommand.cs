using System.Linq;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Agents;
using PresenceSync.Engine.Model;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Imports ACD agents from the pipeline: Import-Csv output, an ACD export converted from JSON,
    /// or any object with AgentId, Name, Email, Extension and Team properties. New agents are
    /// added, known ones updated; a bad row is reported and the rest are stored.
    /// </summary>
    [Cmdlet(VerbsData.Import, "PresenceAgent", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceAgent))]
    public sealed class ImportPresenceAgentCommand : BusinessUnitCmdlet
    {
        private AgentImport? _import;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "AgentNumber", "AgentNo")]
        [AllowEmptyString, AllowNull]
        public string? AgentId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DisplayName", "FullName", "AgentName")]
        [AllowEmptyString, AllowNull]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Mail", "EmailAddress", "E-mail")]
        [AllowEmptyString, AllowNull]
        public string? Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Ext", "PhoneExtension")]
        [AllowEmptyString, AllowNull]
        public string? Extension { get; set; }

        /// <summary>ACD teams; one CSV cell may list several separated by ';' or ','.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Teams", "AcdTeam", "Skill", "Group")]
        [ListTransformation]
        [AllowEmptyCollection, AllowNull]
        public string[]? Team { get; set; }

        /// <summary>The row as it came down the pipeline, kept only to name it in errors.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Begin()
        {
            _import = new AgentImport(Context, BusinessUnit);
            _import.Begin();
        }

        protected override void Process()
        {
            var input = new AgentInput
            {
                AgentId = AgentId,
                // Null (not given) keeps the stored value; an empty CSV cell clears it.
                Name = Name,
                Email = Email,
                Extension = Extension,
                Teams = Team?.ToList(),
                Source = (object?)InputObject ?? AgentId,
            };
            var agent = _import!.Process(input, BusinessUnit);
            if (agent != null && PassThru) WriteObject(agent);
        }

        protected override void End() => _import?.End();

    }
}
