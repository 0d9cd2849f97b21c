using System.Collections.Generic;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>What the sync offers its ACD-side sources.</summary>
    public interface IAcdEventTarget
    {
        /// <summary>
        /// Checks and records the events (one transaction for the batch), then schedules their
        /// agents for a decision within the coalescing window. Returns one result per event, in
        /// order: a bad event is refused with its error id and never spoils the others.
        /// </summary>
        IReadOnlyList<AcdEventResult> Submit(IReadOnlyList<AcdEvent> events);

        /// <summary>
        /// An event another process or runspace has already recorded in the store
        /// (Set-PresenceAgentState): the sync reloads that agent's ACD state from the store.
        /// </summary>
        void Recorded(string businessUnit, string agentId, long eventId);

        /// <summary>A source's own health (listening, a subscription refused, a port taken), shown in Get-PresenceSyncStatus.</summary>
        void Report(SourceHealth health);
    }
}
