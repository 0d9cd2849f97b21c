using System;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Feeds ACD state events to the sync: from Import-Csv, ConvertFrom-Json or any script, bound
    /// by property name. Each event is checked and recorded with the agent's new state; a running
    /// sync (in this or another session) applies it on its next pass.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PresenceAgentState", SupportsShouldProcess = true)]
    [OutputType(typeof(AcdEventResult))]
    public sealed class SetPresenceAgentStateCommand : BusinessUnitCmdlet
    {
        private AcdEventIntake? _intake;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Agent")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [AllowEmptyString]
        public string AgentId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("AcdState", "Status")]
        [AllowEmptyString]
        public string State { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Reason { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public CallType CallType { get; set; } = CallType.None;

        /// <summary>When the ACD says it happened; events older than the agent's state are ignored.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Timestamp")]
        public DateTime? Time { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Begin() => _intake = new AcdEventIntake(Context);

        protected override void Process()
        {
            if (!ShouldProcess($"{AgentId} ({BusinessUnit ?? "Default"})", $"Record ACD state '{State}'")) return;
            var result = _intake!.Accept(new AcdEvent
            {
                BusinessUnit = BusinessUnit,
                AgentId = AgentId,
                State = State,
                Reason = Reason,
                CallType = CallType,
                Time = Binding.UtcTime.From(Time), // as the HTTP endpoint reads it: no zone means UTC
                Source = "Pipeline",
            });
            if (result.Refused)
            {
                WriteError(Hosting.ErrorRecords.From(new EngineError(result.ErrorId!, Kind(result.ErrorId!), result.Detail ?? result.ErrorId!, AgentId)));
                return;
            }
            if (PassThru) WriteObject(result);
        }

        private static ErrorKind Kind(string errorId) =>
            errorId == ErrorIds.AgentNotFound || errorId == ErrorIds.BusinessUnitNotFound ? ErrorKind.ObjectNotFound : ErrorKind.InvalidData;
    }
}
