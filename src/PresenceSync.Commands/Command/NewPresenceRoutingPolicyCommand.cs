using System;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Creates a routing policy: ordered rows that say, for Teams availability/activity patterns,
    /// Route or DoNotRoute; a default; the ACD states that mean "in a contact"; and what happens
    /// when the Teams view is stale. Checked when written: unknown states and rows an earlier row
    /// hides with the opposite decision are refused.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PresenceRoutingPolicy", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceRoutingPolicy))]
    public sealed class NewPresenceRoutingPolicyCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Policy")]
        public string Name { get; set; } = string.Empty;

        /// <summary>Rows as text ('Busy/InACall => DoNotRoute'), hashtables or objects; earlier rows win.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Rows")]
        public object[]? Row { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Route", "DoNotRoute", IgnoreCase = true)]
        public string Default { get; set; } = RoutingDecisions.DoNotRoute;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AcdContactStates")]
        [ListTransformation]
        [SupportsWildcards]
        public string[]? AcdContactState { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public TimeSpan? MaxTeamsAge { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("KeepLast", "Fallback", "DoNotRoute", IgnoreCase = true)]
        public string WhenStale { get; set; } = RoutingDecisions.KeepLast;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FallbackRows")]
        public object[]? FallbackRow { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        protected override void Process()
        {
            var change = new RoutingPolicyChange
            {
                Name = Name,
                Description = Description,
                Rows = RoutingRowReader.Read(Row),
                Default = Default,
                AcdContactStates = AcdContactState,
                MaxTeamsAge = MaxTeamsAge,
                WhenStale = WhenStale,
                FallbackRows = RoutingRowReader.Read(FallbackRow),
            };
            var policy = new RoutingPolicyService(Context).New(BusinessUnit, change);
            if (policy != null) WriteObject(policy);
        }
    }
}
