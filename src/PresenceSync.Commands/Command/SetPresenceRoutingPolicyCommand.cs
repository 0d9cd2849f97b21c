using System;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Changes a routing policy: its rows (replaced as a whole and checked again), default, contact states, stale handling or name.</summary>
    [Cmdlet(VerbsCommon.Set, "PresenceRoutingPolicy", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceRoutingPolicy))]
    public sealed class SetPresenceRoutingPolicyCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Policy")]
        [ArgumentCompleter(typeof(RoutingPolicyNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter]
        public string? NewName { get; set; }

        /// <summary>The new rows; they replace all the policy's rows.</summary>
        [Parameter(Position = 1)]
        [Alias("Rows")]
        public object[]? Row { get; set; }

        [Parameter]
        [ValidateSet("Route", "DoNotRoute", IgnoreCase = true)]
        public string? Default { get; set; }

        [Parameter]
        [ListTransformation]
        [SupportsWildcards]
        public string[]? AcdContactState { get; set; }

        /// <summary>0 removes the limit.</summary>
        [Parameter]
        public TimeSpan? MaxTeamsAge { get; set; }

        [Parameter]
        [ValidateSet("KeepLast", "Fallback", "DoNotRoute", IgnoreCase = true)]
        public string? WhenStale { get; set; }

        [Parameter]
        public object[]? FallbackRow { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var change = new RoutingPolicyChange
            {
                Name = Name,
                NewName = NewName,
                Description = Description,
                Rows = RoutingRowReader.Read(Row),
                Default = Default,
                AcdContactStates = AcdContactState,
                MaxTeamsAge = MaxTeamsAge,
                WhenStale = WhenStale,
                FallbackRows = RoutingRowReader.Read(FallbackRow),
            };
            var policy = new RoutingPolicyService(Context).Set(BusinessUnit, change);
            if (policy != null && PassThru) WriteObject(policy);
        }
    }
}
