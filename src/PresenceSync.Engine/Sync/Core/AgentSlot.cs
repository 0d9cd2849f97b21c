using System;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// One agent while the sync runs: what the engine holds for it (kept in memory, written through
    /// to the store), its rule, its Teams user, and the work in progress for it. Only its unit's
    /// engine loop touches a slot, so it needs no lock.
    /// </summary>
    internal sealed class AgentSlot
    {
        public AgentSlot(string agentId, AgentSyncState state)
        {
            AgentId = agentId;
            State = state;
        }

        public string AgentId { get; }
        public AgentSyncState State { get; }
        public PresenceRule Rule { get; set; } = NoRule.Instance;

        /// <summary>The Teams user it is mapped to; for an orphan (no longer mapped) the user it may still hold a session on.</summary>
        public Guid TeamsUserId { get; set; }

        /// <summary>False for an agent that lost its mapping or left but may still hold a session: it is only cleaned up.</summary>
        public bool Mapped { get; set; }

        /// <summary>Which of the unit's apps writes for it (its session id is that app's client id).</summary>
        public string AppClientId { get; set; } = string.Empty;

        /// <summary>The newest Teams observation not yet decided on.</summary>
        public TeamsPresence? Observed { get; set; }

        /// <summary>The Teams writes decided for it and not yet done: queued, or being sent.</summary>
        public WriteJob? Job { get; set; }

        /// <summary>Something changed while its write was being sent: decide again when it lands.</summary>
        public bool Dirty { get; set; }

        /// <summary>When the timer queue will next decide it (null: not scheduled).</summary>
        public DateTime? Due { get; set; }

        /// <summary>Failed writes in a row: the retry waits longer each time.</summary>
        public int Failures { get; set; }

        public bool InSync => Job == null && !State.ManualHold && State.PendingWrite == null;

        public override string ToString() => $"{AgentId} -> {TeamsUserId} ({(Mapped ? Rule.Name : "orphan")})";
    }
}
