using System.Management.Automation;
using PresenceSync.Commands.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Copies everything in one store to another: a SQLite file to a PostgreSQL database and back.
    /// Each business unit is copied in one transaction; a target with data is replaced only with -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "PresenceSyncStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PresenceStoreCopy))]
    public sealed class CopyPresenceSyncStoreCommand : PresenceSyncCmdlet
    {
        /// <summary>The store to copy: a file path or a PostgreSQL connection string; by default the session's store.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? From { get; set; }

        /// <summary>The store to fill: a file path or a PostgreSQL connection string.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string To { get; set; } = string.Empty;

        /// <summary>Replace whatever the target holds.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            var from = From == null ? ModuleSession.Current.ResolveStore().Store : StoreLocation.Open(Resolve(From));
            var to = StoreLocation.Open(Resolve(To));
            var copy = new StoreCopier(from, to, Context.Host).Copy(Force);
            if (copy != null) WriteObject(copy);
        }

        private string Resolve(string location) =>
            StoreLocation.IsConnectionString(location) ? location : GetUnresolvedProviderPathFromPSPath(location);
    }
}
