using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Lists the apps a business unit syncs through (primary first): tenant, client id, credential
    /// type, where the secret is kept, expiry and how it is known, agents per app, shared credentials.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PresenceSyncApp")]
    [OutputType(typeof(PresenceSyncApp))]
    public sealed class GetPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>Only the app with this client id.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AppClientIdCompleter))]
        [Alias("AppId")]
        public string? ClientId { get; set; }

        protected override void Process()
        {
            foreach (var app in new SyncAppService(Context).Get(BusinessUnit, ClientId)) WriteObject(app);
        }
    }
}
