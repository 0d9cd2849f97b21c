using System;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Sets or clears one user's Teams presence by hand, as the app: its presence session
    /// (setPresence), the user's preferred presence (-Preferred) or a status message. Pairs Graph
    /// would refuse are refused before any request.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PresenceTeamsPresence", SupportsShouldProcess = true, DefaultParameterSetName = "Agent")]
    [OutputType(typeof(void))]
    public sealed class SetPresenceTeamsPresenceCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Agent", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        /// <summary>The Teams user's object id, UPN or mail.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "User", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TeamsUserCompleter))]
        public string TeamsUser { get; set; } = string.Empty;

        [Parameter]
        [ArgumentCompleter(typeof(PresenceStateCompleter))]
        public string? Availability { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(PresenceStateCompleter))]
        public string? Activity { get; set; }

        /// <summary>Write the user's preferred presence (beats every session) instead of the app's session.</summary>
        [Parameter]
        public SwitchParameter Preferred { get; set; }

        /// <summary>Clear the app's session (or, with -Preferred, the preferred presence).</summary>
        [Parameter]
        public SwitchParameter Clear { get; set; }

        /// <summary>Session: 00:05:00 to 04:00:00 (default 5 minutes).</summary>
        [Parameter]
        public TimeSpan? Expiration { get; set; }

        [Parameter]
        public string? StatusMessage { get; set; }

        [Parameter]
        public DateTime? StatusMessageExpiresUtc { get; set; }

        protected override void Process()
        {
            var request = new PresenceWriteRequest
            {
                Target = ParameterSetName == "User" ? TeamsUser : AgentId,
                ByAgent = ParameterSetName == "Agent",
                State = Availability != null ? new PresenceState(Availability, Activity ?? Availability) : null,
                Kind = Preferred ? TeamsTargetKind.Preferred : Clear ? TeamsTargetKind.ClearSession : TeamsTargetKind.Session,
                Clear = Clear,
                ActivityOnly = Activity != null && Availability == null,
                Expiration = Expiration,
                StatusMessage = StatusMessage,
                StatusMessageExpiresUtc = Binding.UtcTime.From(StatusMessageExpiresUtc),
            };
            RunAsync(ct => new TeamsPresenceService(Context).WriteAsync(BusinessUnit, request, ct));
        }
    }
}
