using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Checks each of a unit's apps as the sync will use it: credential and expiry (warned 30 days
    /// ahead), a token, every needed permission, and credentials a rotation retired, each with a
    /// verdict and a remedy. Removes retired credentials whose grace period is over.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "PresenceSyncApp")]
    [OutputType(typeof(AppTestReport))]
    public sealed class TestPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>Only the app with this client id (default: every app of the unit).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AppClientIdCompleter))]
        [Alias("AppId")]
        public string? ClientId { get; set; }

        protected override void Process() =>
            RunAsync(async ct =>
            {
                foreach (var report in await new AppTester(Context).RunAsync(BusinessUnit, ClientId, ct).ConfigureAwait(false))
                {
                    foreach (var check in report.Checks)
                    {
                        if (check.StatusValue == CheckStatus.Warning) Context.Host.WriteWarning($"{check.Check}: {check.Detail} {check.Remedy}");
                    }
                    Context.Host.WriteObject(report);
                }
            });
    }
}
