using System.Management.Automation;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Checks a unit's app as the sync will use it: credential and expiry (warned 30 days ahead),
    /// a token, and every needed permission, each with a verdict and a remedy.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "PresenceSyncApp")]
    [OutputType(typeof(AppTestReport))]
    public sealed class TestPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        protected override void Process() =>
            RunAsync(async ct =>
            {
                var report = await new AppTester(Context).RunAsync(BusinessUnit, ct).ConfigureAwait(false);
                foreach (var check in report.Checks)
                {
                    if (check.Status == CheckStatus.Warning) Context.Host.WriteWarning($"{check.Check}: {check.Detail} {check.Remedy}");
                }
                Context.Host.WriteObject(report);
            });
    }
}
