using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine
{
    /// <summary>What every engine operation needs: the store, the host to talk to, and the clock.</summary>
    public sealed class EngineContext
    {
        public EngineContext(PresenceStore store, IHostContext host, IClock? clock = null, ISessionSecrets? secrets = null)
        {
            Store = store;
            Host = host;
            Clock = clock ?? SystemClock.Instance;
            Secrets = secrets;
        }

        /// <summary>Client secrets the host keeps for this session only; null when it keeps none.</summary>
        public ISessionSecrets? Secrets { get; }

        public PresenceStore Store { get; }
        public IHostContext Host { get; }
        public IClock Clock { get; }

        internal string Now => Db.Timestamp(Clock.UtcNow);

        /// <summary>Reports one failed item and lets the caller go on with the next.</summary>
        internal void Error(string errorId, ErrorKind kind, string message, object? target, string? recommendedAction = null) =>
            Host.WriteError(new EngineError(errorId, kind, message, target, recommendedAction));

        internal static PresenceSyncException Fail(string errorId, ErrorKind kind, string message, object? target, string? recommendedAction = null) =>
            new PresenceSyncException(new EngineError(errorId, kind, message, target, recommendedAction));
    }
}
