using System;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Subscribes to the unit's extensions at its PBX for a few seconds, as the sync would, and
    /// reports per extension whether the PBX accepted the subscription and what the line shows.
    /// Nothing is recorded and no event reaches the sync.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "PresenceSipSource")]
    [OutputType(typeof(PresenceSipTestResult))]
    public sealed class TestPresenceSipSourceCommand : PresenceSyncCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SipSourceUnitCompleter))]
        [AllowEmptyString, AllowNull]
        public string? BusinessUnit { get; set; }

        /// <summary>Only these extensions (default: every mapped agent's).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ExtensionCompleter))]
        public string[]? Extension { get; set; }

        /// <summary>How long to wait for the PBX (default 10 s).</summary>
        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        protected override void Process()
        {
            if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10)) throw new PSArgumentOutOfRangeException(nameof(Timeout), Timeout, "-Timeout must be more than zero and at most 10 minutes.");
            RunAsync(async ct =>
            {
                const string activity = "Testing the SIP source";
                Context.Host.WriteProgress(new Engine.Hosting.ProgressInfo(1, activity, $"Subscribing at the PBX of business unit '{(string.IsNullOrEmpty(BusinessUnit) ? "Default" : BusinessUnit)}' (up to {Timeout.TotalSeconds:0} s)", 0));
                var results = await new SipSourceTester(Context).TestAsync(BusinessUnit, Extension, Timeout, ct).ConfigureAwait(false);
                Context.Host.WriteProgress(Engine.Hosting.ProgressInfo.Complete(1, activity));
                foreach (var result in results) Context.Host.WriteObject(result);
            });
        }
    }
}
