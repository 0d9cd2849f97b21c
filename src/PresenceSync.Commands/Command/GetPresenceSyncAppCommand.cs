using System.Management.Automation;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>Shows the app a business unit syncs through: tenant, client id, credential type, where the secret is kept, expiry.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceSyncApp")]
    [OutputType(typeof(PresenceSyncApp))]
    public sealed class GetPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        protected override void Process()
        {
            var app = new SyncAppService(Context).Get(BusinessUnit);
            if (app != null) WriteObject(app);
        }
    }
}
