using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using PresenceSync.Engine.Store;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// Per-runspace module state: the store path chosen with Set-PresenceSyncStore and the opened
    /// stores. Kept in a ConditionalWeakTable keyed by runspace, not in statics, so two runspaces
    /// in one process (tests, runbooks, ForEach-Object -Parallel) never share a setting, and the
    /// state goes away with its runspace.
    /// </summary>
    internal sealed class ModuleSession
    {
        private static readonly ConditionalWeakTable<Runspace, ModuleSession> Sessions = new ConditionalWeakTable<Runspace, ModuleSession>();
        private static readonly ModuleSession Detached = new ModuleSession();
        private readonly Dictionary<string, PresenceStore> _stores = new Dictionary<string, PresenceStore>(StringComparer.OrdinalIgnoreCase);

        public string? StorePath { get; set; }

        /// <summary>
        /// The PostgreSQL connection string chosen with Set-PresenceSyncStore -ConnectionString: held
        /// in this runspace's memory only (it may carry a password), never written anywhere.
        /// </summary>
        public string? StoreConnectionString { get; set; }

        /// <summary>The path of the last Set-PresenceSyncStore that failed, until one succeeds: while it is
        /// set no command falls back to another store (the default one would silently take the changes).</summary>
        public string? FailedStorePath { get; set; }

        private readonly Dictionary<string, string> _secrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Client secrets given in this session for one store, on systems where they cannot be stored protected.</summary>
        public SessionSecrets SecretsFor(string storePath) => new SessionSecrets(_secrets, storePath);

        public static ModuleSession Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace == null ? Detached : Sessions.GetValue(runspace, _ => new ModuleSession());
            }
        }

        /// <summary>Lets go of the stores this session opened (the module is being removed).</summary>
        public void ReleaseStores()
        {
            lock (_stores)
            {
                foreach (var store in _stores.Values) store.ReleaseConnections();
                _stores.Clear();
            }
        }

        public (PresenceStore Store, string Source) ResolveStore()
        {
            if (FailedStorePath != null)
                throw new Engine.PresenceSyncException(new Engine.EngineError(Engine.ErrorIds.StoreNotSet, Engine.ErrorKind.ResourceUnavailable,
                    $"No store is set: Set-PresenceSyncStore could not open '{FailedStorePath}', and PresenceSync does not fall back to another store.",
                    FailedStorePath, "Fix the path (or its permissions) and run Set-PresenceSyncStore -Path again, or use the default store with Set-PresenceSyncStore -Reset."),
                    fatal: true); // nothing can proceed without a store: an unattended run exits 1, not 2
            // The session's choice first (a file or a connection string), then the environment
            // (PRESENCESYNC_STORE_CONNECTION before PRESENCESYNC_STORE), then the per-user file.
            var connection = StorePath == null ? StoreLocation.ResolveConnection(StoreConnectionString) : null;
            var (path, source) = connection ?? StoreLocation.Resolve(StorePath);
            var key = (connection != null ? "pg|" : "file|") + path;
            lock (_stores)
            {
                if (!_stores.TryGetValue(key, out var store))
                {
                    store = connection != null ? PresenceStore.FromConnectionString(path) : new PresenceStore(path);
                    _stores[key] = store;
                }
                return (store, source);
            }
        }
    }
}
