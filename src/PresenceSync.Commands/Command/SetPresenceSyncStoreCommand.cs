using System.Management.Automation;
using PresenceSync.Commands.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Chooses the store this PowerShell session uses: a SQLite file (or a folder to hold
    /// presencesync.db), or a PostgreSQL database by connection string.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PresenceSyncStore", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(PresenceStoreInfo))]
    public sealed class SetPresenceSyncStoreCommand : PresenceSyncCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>An Npgsql connection string; kept in this session's memory only, shown without its password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ConnectionString")]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; } = string.Empty;

        /// <summary>Go back to PRESENCESYNC_STORE_CONNECTION, PRESENCESYNC_STORE or the per-user default.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Reset")]
        public SwitchParameter Reset { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ModuleSession.Current;
            string? wantedPath = null, wantedConnection = null;
            string target;
            if (ParameterSetName == "ConnectionString")
            {
                wantedConnection = ConnectionString;
                // Parsing checks the string and gives the form to show (no password) before anything is opened.
                target = PresenceStore.FromConnectionString(ConnectionString).Path;
            }
            else
            {
                wantedPath = Reset ? null : StoreLocation.Normalize(GetUnresolvedProviderPathFromPSPath(Path));
                target = wantedPath ?? "the default store";
            }
            if (!ShouldProcess(target, "Use PresenceSync store")) return;
            // Open (and create or migrate) the new store before switching. A failure leaves no store set:
            // later commands fail with StoreNotSet until a Set-PresenceSyncStore succeeds, rather than
            // quietly writing to the store the user just tried to leave.
            session.FailedStorePath = null;
            session.StorePath = wantedPath;
            session.StoreConnectionString = wantedConnection;
            PresenceStore store;
            string source;
            try
            {
                (store, source) = session.ResolveStore();
                _ = store.SchemaVersion;
            }
            catch
            {
                // The form shown (no password) for a connection string.
                session.FailedStorePath = wantedConnection != null ? target : wantedPath ?? StoreLocation.DefaultPath();
                throw;
            }
            WriteVerbose($"PresenceSync store: {store.Path} ({store.Kind}, schema version {store.SchemaVersion}).");
            if (PassThru) WriteObject(StoreInfo.Of(store, source));
        }
    }
}
