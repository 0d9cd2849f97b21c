using System.Management.Automation;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>Forgets a business unit's app and its stored credential. The app in the tenant is not deleted.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceSyncApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceSyncAppCommand : BusinessUnitCmdlet
    {
        protected override void Process() => new SyncAppService(Context).Remove(BusinessUnit);
    }
}
